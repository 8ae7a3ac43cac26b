package io.paretune.controller.dispatch;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.config.ControllerConfig;
import io.paretune.controller.messaging.CampaignControlPublisher;
import io.paretune.controller.messaging.TrialJobPublisher;
import io.paretune.controller.metrics.ControllerMetrics;
import io.paretune.controller.metrics.MetricsRefresher;
import io.paretune.controller.store.CampaignCancelled;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.CampaignStore;
import io.paretune.controller.store.CampaignSubmitted;
import io.paretune.controller.store.SegmentQueued;
import io.paretune.controller.store.TrialEnded;
import io.paretune.controller.store.TrialStore;
import io.paretune.controller.trial.StaleTrials;
import io.paretune.kafka.publish.PublishException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Katib-style reconcile loop, one pass at a time on its own thread, every {@code paretune.controller.reconcile-every}
 * and right after a campaign is submitted or cancelled, a dispatched campaign's trial ends or a trial's next segment
 * is queued. A pass works
 * only from the database, so a restarted controller carries RUNNING campaigns on:
 * <ol>
 *   <li>tells the workers of campaigns cancelled since the last pass ({@link CampaignControl} records, waiting for
 *       the broker's ack before noting them told);</li>
 *   <li>queues again the jobs of trials abandoned by their worker (no progress for {@code trial-stale-after}), up to
 *       {@code max-trial-attempts}, then fails them; fails trials never scored;</li>
 *   <li>per PENDING/RUNNING campaign but ask/tell ones (their trials are never dispatched, and a tell ends its
 *       campaign itself): (re)publishes jobs of trials (or of their next segment) stored but never
 *       acknowledged by the broker, then
 *       while {@code active < maxParallel} and {@code total < maxTrials}: samples, stores the trial WAITING,
 *       commits, publishes its job and waits for the ack, marks it dispatched;</li>
 *   <li>ends campaigns whose trials have all finished;</li>
 *   <li>refreshes the gauges.</li>
 * </ol>
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final CampaignStore campaigns;
    private final CampaignSpecs specs;
    private final TrialStore trials;
    private final JobQueue jobs;
    private final StaleTrials staleTrials;
    private final TrialJobPublisher publisher;
    private final CampaignService campaignService;
    private final CampaignControlPublisher controlPublisher;
    private final MetricsRefresher metrics;
    private final ControllerMetrics meters;
    private final ControllerConfig config;
    private final ControllerClock clock;
    private final Instant processStart;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paretune-reconciler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** When the gauges were last read (System.nanoTime); only the pass thread touches it. */
    private Long metricsRefreshedAt;

    public Reconciler(CampaignStore campaigns, CampaignSpecs specs, TrialStore trials, JobQueue jobs, StaleTrials staleTrials,
                      TrialJobPublisher publisher, CampaignService campaignService,
                      CampaignControlPublisher controlPublisher, MetricsRefresher metrics, ControllerMetrics meters,
                      ControllerConfig config, ControllerClock clock) {
        this.campaigns = campaigns;
        this.specs = specs;
        this.trials = trials;
        this.jobs = jobs;
        this.staleTrials = staleTrials;
        this.publisher = publisher;
        this.campaignService = campaignService;
        this.controlPublisher = controlPublisher;
        this.metrics = metrics;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
        this.processStart = clock.now();
    }

    @Scheduled(every = "${paretune.controller.reconcile-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        requestPass();
    }

    void onSubmitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CampaignSubmitted submitted) {
        requestPass();
    }

    void onCancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) CampaignCancelled cancelled) {
        requestPass();
    }

    void onTrialEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) TrialEnded ended) {
        // A told trial leaves nothing to dispatch; many clients telling at once would keep passes running back to
        // back over every campaign, each locking them all in turn, and their asks would wait on those locks.
        if (!specs.knownExternal(ended.campaignId())) {
            requestPass();
        }
    }

    void onSegmentQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) SegmentQueued queued) {
        requestPass();
    }

    /** Queues a pass unless one is already queued (a running pass does not count: it may have read old state). */
    public void requestPass() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    queued.set(false);
                    pass();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Runs a pass now, after any pass in progress, and returns when it is done. */
    public void passAndWait() throws InterruptedException {
        try {
            executor.submit(this::pass).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reconcile pass failed", e.getCause());
        }
    }

    void pass() {
        long started = System.nanoTime();
        try {
            publishCancellations();
            handleStaleTrials();
            for (String campaignId : QuarkusTransaction.requiringNew().call(campaigns::activeIds)) {
                try {
                    reconcile(campaignId);
                } catch (RuntimeException e) {
                    // one campaign in trouble must not hold the others up
                    LOG.warnf(e, "reconciling campaign %s failed; the next pass retries", campaignId);
                }
            }
            refreshMetricsWhenDue();
        } catch (RuntimeException e) {
            LOG.warnf(e, "reconcile pass failed; the next one retries");
        } finally {
            meters.passTook(System.nanoTime() - started);
        }
    }

    /** Monotonic time, not the controller's clock: a cadence, which tests that stop the clock must not stop. */
    private void refreshMetricsWhenDue() {
        long now = System.nanoTime();
        if (metricsRefreshedAt != null && now - metricsRefreshedAt < config.metricsEvery().toNanos()) {
            return;
        }
        metrics.refresh();
        metricsRefreshedAt = now;
    }

    /** First in a pass: every second a worker goes on with a cancelled campaign's trial is wasted. */
    private void publishCancellations() {
        try {
            for (CampaignControl control : campaignService.unpublishedCancels()) {
                if (!publish(control)) {
                    return;
                }
                campaignService.cancelPublished(control.campaignId());
                LOG.infof("campaign %s: workers told of its cancellation", control.campaignId());
            }
        } catch (RuntimeException e) {
            // dispatching the other campaigns must not wait for this
            LOG.warnf(e, "publishing cancellations failed; the next pass retries");
        }
    }

    private boolean publish(CampaignControl control) {
        try {
            controlPublisher.publish(control, config.publishTimeout());
            return true;
        } catch (PublishException e) {
            LOG.warnf("cancellation of campaign %s not published (%s); retrying on the next pass",
                    control.campaignId(), e.getMessage());
            return false;
        }
    }

    private void handleStaleTrials() {
        Instant now = clock.now();
        // Measured from this process's start too: after a restart, progress may still be waiting on the topic.
        Instant trainingCutoff = now.minus(config.trialStaleAfter());
        if (processStart.isBefore(trainingCutoff)) {
            for (String id : QuarkusTransaction.requiringNew().call(() -> trials.trainingNotHeardSince(trainingCutoff))) {
                guarded(id, () -> staleTrials.retryIfAbandoned(id, trainingCutoff, now, config.maxTrialAttempts()));
            }
        }
        Instant scoringCutoff = now.minus(config.scoringStaleAfter());
        if (processStart.isBefore(scoringCutoff)) {
            for (String id : QuarkusTransaction.requiringNew().call(() -> trials.trainedNotScoredSince(scoringCutoff))) {
                guarded(id, () -> staleTrials.failIfNeverScored(id, scoringCutoff, now));
            }
        }
    }

    private static void guarded(String trialId, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf(e, "stale check of trial %s failed; the next pass retries", trialId);
        }
    }

    private void reconcile(String campaignId) {
        if (specs.knownExternal(campaignId)) {
            return; // an unknown one goes through the steps once, which read its spec
        }
        for (TrialJob job : jobs.undispatched(campaignId)) {
            LOG.infof("republishing trial %d of campaign %s (stored, never acknowledged)", job.trialNumber(), campaignId);
            if (!dispatch(job)) {
                return;
            }
        }
        while (true) {
            Optional<TrialJob> next = jobs.proposeNext(campaignId);
            if (next.isEmpty() || !dispatch(next.get())) {
                break;
            }
        }
        jobs.completeIfDone(campaignId);
    }

    /** Publishes a job and marks it dispatched once the broker has it; false when the broker did not take it. */
    private boolean dispatch(TrialJob job) {
        if (!jobs.stillWaiting(job)) {
            return true;
        }
        try {
            publisher.publish(job, config.publishTimeout());
        } catch (PublishException e) {
            LOG.warnf("trial %s of campaign %s not dispatched (%s); retrying on the next pass", job.trialId(),
                    job.campaignId(), e.getMessage());
            return false;
        }
        jobs.markDispatched(job);
        LOG.debugf("dispatched trial %d of campaign %s: %s", job.trialNumber(), job.campaignId(), job.params());
        return true;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Queues the first pass as soon as the application is up (then the schedule takes over). */
    void onStart(@Observes io.quarkus.runtime.StartupEvent event) {
        LOG.debugf("reconciler started; trials go stale after %s", config.trialStaleAfter());
        requestPass();
    }
}
