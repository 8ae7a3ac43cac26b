package io.paretune.worker.service;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.kafka.publish.PublishException;
import io.paretune.artifacts.ArtifactStores;
import io.paretune.ml.model.NetworkFactory;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.metrics.WorkerMetrics;
import io.paretune.worker.reporting.TrialEventPublisher;
import io.paretune.worker.state.CancelledCampaigns;
import io.paretune.worker.state.WorkerIdentity;
import io.paretune.worker.state.WorkerStatus;
import io.paretune.worker.training.Backend;
import io.paretune.worker.training.EpochStats;
import io.paretune.worker.training.TrainingCancelledException;
import io.paretune.worker.training.TrainingOutcome;
import io.paretune.worker.training.TrainingPulse;
import io.paretune.worker.training.TrialTrainer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs trial jobs (whole trials or segments of them): reports the start, trains on a dedicated thread (meanwhile the
 * {@link TrialSupervisor} sends heartbeats and watches for cancellation and shutdown), reports every epoch, and stores
 * the result (TRAINED, CHECKPOINTED or FAILED). Domain failures become FAILED results; so does
 * any unexpected error of the trainer, so that the controller always hears how a trial ended. A job of a campaign
 * known to be cancelled is dropped before it is announced; a trial whose campaign is cancelled while it trains stops
 * at the next minibatch and ends FAILED with {@link CampaignControl#CANCELLED_REASON}, so that the controller ends it
 * instead of dispatching it again.
 */
@ApplicationScoped
public class TrialService {

    private static final Logger LOG = Logger.getLogger(TrialService.class);

    private final TrialTrainer trainer;
    private final TrialEventPublisher publisher;
    private final WorkerMetrics metrics;
    private final WorkerStatus status;
    private final CancelledCampaigns cancelled;
    private final String workerId;
    private final ExecutorService trainerThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trial-trainer");
        t.setDaemon(true);
        return t;
    });

    public TrialService(WorkerConfig config, TrialEventPublisher publisher, WorkerMetrics metrics, WorkerStatus status,
                        CancelledCampaigns cancelled, WorkerIdentity identity) {
        this.trainer = new TrialTrainer(Path.of(config.dataset().dir()),
                ArtifactStores.open(config.artifacts()),
                NetworkFactory::build, config.worker().memoryBudgetMb() * 1_000_000L);
        this.publisher = publisher;
        this.metrics = metrics;
        this.status = status;
        this.cancelled = cancelled;
        this.workerId = identity.id();
    }

    /**
     * True when the job's campaign is known to be cancelled: the job is to be taken off the queue untrained and
     * unannounced (the controller failed its trial with the cancellation, and hears nothing more of it).
     */
    public boolean dropIfCancelled(TrialJob job) {
        if (!cancelled.contains(job.campaignId())) {
            return false;
        }
        metrics.jobCancelled(WorkerMetrics.CancelledAt.QUEUED);
        LOG.infof("trial %s (campaign %s) segment %d attempt %d: its campaign was cancelled; dropped untrained",
                job.trialId(), job.campaignId(), job.segment(), job.attempt());
        return true;
    }

    /** Asks the trainer to stop at its next minibatch when the trial's campaign has been cancelled meanwhile. */
    public void stopIfCancelled(RunningTrial trial) {
        if (!trial.pulse().cancelled() && cancelled.contains(trial.job().campaignId())) {
            LOG.infof("trial %s: its campaign %s was cancelled; stopping it", trial.job().trialId(),
                    trial.job().campaignId());
            trial.pulse().cancel();
        }
    }

    /**
     * Reports the start of the attempt and waits until the broker has the report: from then on the controller
     * watches the attempt, and queues the job again if it goes silent.
     *
     * @throws PublishException when the broker did not take the report
     */
    public void announce(TrialJob job, int attempt) {
        publisher.progressStored(TrialProgress.started(job, attempt, workerId));
    }

    /** Begins training an announced attempt on the trainer thread. */
    public RunningTrial start(TrialJob job, int attempt) {
        status.started(job.trialId());
        TrainingPulse pulse = new TrainingPulse();
        CompletableFuture<TrialResult> result = new CompletableFuture<>();
        trainerThread.execute(() -> {
            try {
                result.complete(train(job, attempt, pulse));
            } catch (Throwable e) {
                status.abandoned();
                result.completeExceptionally(e);
            }
        });
        return new RunningTrial(job, attempt, pulse, result);
    }

    /** Tells the controller the attempt is alive between epochs. */
    public void heartbeat(RunningTrial trial) {
        publisher.progress(TrialProgress.heartbeat(trial.job(), trial.attempt(), workerId, trial.pulse().lastEpoch()));
    }

    /** Tells the controller this worker stopped the attempt before it was done, so that its job goes out again. */
    public void release(RunningTrial trial) {
        publisher.progress(TrialProgress.released(trial.job(), trial.attempt(), workerId, trial.pulse().lastEpoch()));
    }

    private TrialResult train(TrialJob job, int attempt, TrainingPulse pulse) {
        long started = System.nanoTime();
        TrainingOutcome outcome;
        try {
            outcome = trainer.train(job, attempt, stats -> epochFinished(job, attempt, stats), pulse);
        } catch (TrainingCancelledException e) {
            if (!cancelled.contains(job.campaignId())) {
                throw e; // the worker is shutting down: the job goes out again
            }
            metrics.jobCancelled(WorkerMetrics.CancelledAt.TRAINING);
            outcome = TrainingOutcome.failed(CampaignControl.CANCELLED_REASON, pulse.lastEpoch(), 0,
                    (System.nanoTime() - started) / 1e9, 0);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.errorf(e, "trial %s attempt %d failed on this worker", job.trialId(), attempt);
            outcome = TrainingOutcome.failed("worker error: " + e, 0, 0, (System.nanoTime() - started) / 1e9, 0);
        }
        TrialResult result = result(job, attempt, outcome);
        publisher.result(result);
        metrics.trialFinished(result.outcome(), Duration.ofNanos(System.nanoTime() - started));
        status.finished();
        if (outcome.checkpointed()) {
            LOG.infof("trial %s segment %d attempt %d checkpointed after epoch %d: val accuracy %.4f, %.1f s",
                    job.trialId(), job.segment(), attempt, outcome.epochsTrained(),
                    outcome.lastValAccuracy() == null ? Double.NaN : outcome.lastValAccuracy(), outcome.trainSeconds());
        } else if (outcome.trained()) {
            LOG.infof("trial %s attempt %d trained: %d epochs, best %d, val accuracy %.4f, %.1f s",
                    job.trialId(), attempt, outcome.epochsTrained(), outcome.bestEpoch(),
                    outcome.valAccuracy() == null ? Double.NaN : outcome.valAccuracy(), outcome.trainSeconds());
        } else {
            LOG.infof("trial %s attempt %d failed: %s", job.trialId(), attempt, outcome.failureReason());
        }
        return result;
    }

    private void epochFinished(TrialJob job, int attempt, EpochStats stats) {
        metrics.epochFinished(stats.epochSeconds(), stats.samplesPerSecond());
        publisher.progress(new TrialProgress(Message.CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt,
                workerId, TrialProgress.Phase.EPOCH, stats.epoch(), stats.trainLoss(), stats.trainAccuracy(),
                stats.valLoss(), stats.valAccuracy(), stats.epochSeconds(), stats.samplesPerSecond(), Instant.now(),
                job.segment()));
    }

    private TrialResult result(TrialJob job, int attempt, TrainingOutcome outcome) {
        TrialResult.Outcome kind = !outcome.trained() ? TrialResult.Outcome.FAILED
                : outcome.checkpointed() ? TrialResult.Outcome.CHECKPOINTED : TrialResult.Outcome.TRAINED;
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                kind, outcome.failureReason(), outcome.artifactPath(), job.modelFamily(), job.params(), job.dataset(),
                job.seed(), outcome.epochsTrained(), outcome.bestEpoch(), outcome.stoppedEarly(),
                outcome.trainSeconds(), outcome.bestValLoss(), outcome.valAccuracy(), outcome.paramCount(),
                Backend.describe(), Instant.now(), job.segment(), outcome.checkpointPath(), outcome.lastValLoss(),
                outcome.lastValAccuracy(), outcome.uncompressedValAccuracy(), outcome.prunedAfterEpoch());
    }

    @PreDestroy
    void stop() {
        trainerThread.shutdownNow();
        try {
            trainerThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
