package io.paretune.worker.service;

import io.paretune.contract.trial.TrialJob;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.training.TrainingCancelledException;
import io.paretune.worker.training.TrainingPulse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sees an announced attempt through to its end: the trainer thread trains it while the calling thread (the job
 * consumer's) waits on it, sends a heartbeat about every {@code heartbeat-interval-ms} in which training moved (a
 * hung trainer falls silent, and the controller gives its job to another worker), stops it within a
 * {@code poll-timeout-ms} once its campaign is known to be cancelled, stops it at shutdown and then releases its job
 * to the controller, and logs an end without a stored result (the controller dispatches such a job again).
 */
@ApplicationScoped
public class TrialSupervisor {

    private static final Logger LOG = Logger.getLogger(TrialSupervisor.class);

    private final TrialService trials;
    private final long checkEveryNanos;
    private final long heartbeatEveryNanos;

    private volatile boolean shuttingDown;
    private volatile RunningTrial current;

    public TrialSupervisor(TrialService trials, WorkerConfig config) {
        this.trials = trials;
        this.checkEveryNanos = TimeUnit.MILLISECONDS.toNanos(config.worker().pollTimeoutMs());
        this.heartbeatEveryNanos = TimeUnit.MILLISECONDS.toNanos(config.worker().heartbeatIntervalMs());
    }

    /**
     * Trains the attempt and returns once it ended, whichever way.
     *
     * @param onCheck runs each time the supervisor looks at the trial (about every {@code poll-timeout-ms}), so that
     *                the caller can show it is not stuck
     */
    public void supervise(TrialJob job, int attempt, Runnable onCheck) {
        RunningTrial trial = trials.start(job, attempt);
        current = trial;
        boolean interrupted = false;
        try {
            interrupted = heartbeatWhileTraining(trial, onCheck);
            reportEnd(trial);
        } finally {
            current = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The worker is shutting down: a trial being trained stops at its next minibatch, and its job is released. */
    public void shutDown() {
        shuttingDown = true;
        RunningTrial trial = current;
        if (trial != null) {
            trial.pulse().cancel();
        }
    }

    /** True while a trial is being supervised. */
    public boolean supervising() {
        return current != null;
    }

    /**
     * Waits for the trainer, sending a heartbeat every period in which it moved; cancels it at shutdown, or when its
     * campaign is cancelled.
     *
     * @return whether the waiting thread was interrupted (taken as shutdown; the trainer is still waited for)
     */
    private boolean heartbeatWhileTraining(RunningTrial trial, Runnable onCheck) {
        boolean interrupted = false;
        TrainingPulse.Mark mark = trial.pulse().mark();
        long nextHeartbeat = System.nanoTime() + heartbeatEveryNanos;
        while (!trial.result().isDone()) {
            long wait = Math.min(checkEveryNanos, Math.max(0, nextHeartbeat - System.nanoTime()));
            try {
                trial.result().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still training, or finished with an error that reportEnd() logs
            } catch (InterruptedException e) {
                interrupted = true;
                shutDown();
            }
            onCheck.run();
            trials.stopIfCancelled(trial);
            if (shuttingDown) {
                trial.pulse().cancel(); // the trainer stops at its next minibatch
                continue;
            }
            if (trial.result().isDone() || System.nanoTime() < nextHeartbeat) {
                continue;
            }
            if (trial.pulse().movedSince(mark)) {
                trials.heartbeat(trial);
                mark = trial.pulse().mark();
            } else {
                LOG.warnf("trial %s made no progress for %d ms: no heartbeat, the controller may give it to another"
                        + " worker", trial.job().trialId(), Duration.ofNanos(heartbeatEveryNanos).toMillis());
            }
            nextHeartbeat = System.nanoTime() + heartbeatEveryNanos;
        }
        return interrupted;
    }

    /** A cancelled attempt is released to the controller; a result that could not be stored is left to it. */
    private void reportEnd(RunningTrial trial) {
        String trialId = trial.job().trialId();
        try {
            trial.result().get();
        } catch (ExecutionException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof TrainingCancelledException) {
                LOG.infof("trial %s cancelled by shutdown; releasing the job to the controller", trialId);
                trials.release(trial);
            } else {
                LOG.errorf("trial %s ended without a stored result (%s); the controller dispatches it again once it"
                        + " has been silent for its stale period", trialId, cause);
            }
        }
    }
}
