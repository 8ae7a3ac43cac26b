package io.paretune.controller.store;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.EpochBudget;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialEpochEntity;
import io.paretune.controller.persistence.TrialEpochRepository;
import io.paretune.controller.persistence.TrialReportEntity;
import io.paretune.controller.persistence.TrialReportRepository;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.selection.Contender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The one writer of trials, in the manner of Optuna's storage: a trial's state, attempt, segment, dispatch flags,
 * history, intermediate values and results change only through these verbs, each one small step. Callers hold the
 * campaign's lock ({@link CampaignStore#lock}) and decide; the store records. A finished trial (COMPLETE, PRUNED,
 * FAIL) never changes state again, and every end is announced as a {@link TrialEnded} event, every queued job as a
 * {@link SegmentQueued} event. Samplers, pruners and views read trials as rows or as immutable snapshots
 * ({@link #snapshot}).
 *
 * <pre>{@code
 * TrialEntity trial = store.create(campaign, 0, params, TrialState.WAITING, 3, now);
 * store.heardFrom(trial, 1, "worker-1", now);           // STARTED: RUNNING, attempt 1
 * store.queueSegment(trial, 1, 3);                       // checkpoint after epoch 1: the next segment trains 2..3
 * store.complete(trial, 0.87, now);                      // scored
 * }</pre>
 */
@ApplicationScoped
public class TrialStore {

    static final int MAX_REASON_LENGTH = 4000;

    private final TrialRepository trials;
    private final TrialEpochRepository epochs;
    private final TrialReportRepository reports;
    private final Event<TrialEnded> ended;
    private final Event<SegmentQueued> queued;

    public TrialStore(TrialRepository trials, TrialEpochRepository epochs, TrialReportRepository reports,
                      Event<TrialEnded> ended, Event<SegmentQueued> queued) {
        this.trials = trials;
        this.epochs = epochs;
        this.reports = reports;
        this.ended = ended;
        this.queued = queued;
    }

    // ---- a trial's life --------------------------------------------------------------------------------------------

    /**
     * Stores trial {@code number} of a campaign: WAITING for its job to go out, or RUNNING when its caller evaluates
     * it (ask/tell), then started and heard from now.
     *
     * @param lastEpoch epochs at full fidelity; null for external campaigns
     */
    public TrialEntity create(CampaignEntity campaign, int number, Map<String, Object> params, TrialState state,
                              Integer lastEpoch, Instant now) {
        TrialEntity trial = new TrialEntity();
        trial.id = UUID.randomUUID().toString();
        trial.campaignId = campaign.id;
        trial.number = number;
        trial.params = JsonColumns.writeParams(params);
        trial.state = state;
        trial.createdAt = now;
        trial.lastEpoch = lastEpoch;
        if (state == TrialState.RUNNING) {
            trial.startedAt = now;
            trial.lastHeartbeatAt = now;
        }
        trials.persist(trial);
        return trial;
    }

    /** Where the first segment of a new trial stops (a pipeline trial's; its pruner's first decision step). */
    public void planFirstSegment(TrialEntity trial, int stopEpoch) {
        trial.segmentStopEpoch = stopEpoch;
    }

    /** Notes that the broker acknowledged the job of the trial's current segment. */
    public void markDispatched(TrialEntity trial, Instant now) {
        trial.dispatched = true;
        if (trial.dispatchedAt == null) {
            trial.dispatchedAt = now;
        }
    }

    /**
     * A sign of life from attempt {@code attempt} of the current segment: a WAITING trial is RUNNING from now, and the
     * highest attempt seen and its worker are the trial's. A worker has its job, so the broker took it, even if the
     * controller stopped before it could note that.
     */
    public void heardFrom(TrialEntity trial, int attempt, String workerId, Instant now) {
        if (attempt >= trial.attempt) {
            trial.attempt = attempt;
            if (workerId != null) {
                trial.workerId = workerId;
            }
        }
        trial.lastHeartbeatAt = now;
        trial.dispatched = true;
        if (trial.startedAt == null) {
            trial.startedAt = now;
        }
        if (trial.state == TrialState.WAITING) {
            trial.state = TrialState.RUNNING;
        }
    }

    /** A sign of life from the caller evaluating an asked trial (a report or a tell). */
    public void heardFrom(TrialEntity trial, Instant now) {
        trial.lastHeartbeatAt = now;
    }

    /**
     * One finished epoch of one attempt, kept once per (trial, segment, attempt, epoch) (a redelivered message
     * replaces it); the furthest epoch reported is what the trial used of the campaign's epoch budget.
     */
    public void recordEpoch(TrialEntity trial, TrialProgress p, Instant now) {
        TrialEpochEntity existing = epochs.find(trial.id, p.segment(), p.attempt(), p.epoch()).orElse(null);
        TrialEpochEntity epoch = existing != null ? existing : new TrialEpochEntity();
        epoch.trialId = trial.id;
        epoch.segment = p.segment();
        epoch.attempt = p.attempt();
        epoch.epoch = p.epoch();
        epoch.trainLoss = p.trainLoss();
        epoch.trainAccuracy = p.trainAccuracy();
        epoch.valLoss = p.valLoss();
        epoch.valAccuracy = p.valAccuracy();
        epoch.epochSeconds = p.epochSeconds();
        epoch.samplesPerSecond = p.samplesPerSecond();
        epoch.workerId = p.workerId();
        epoch.recordedAt = now;
        if (existing == null) {
            epochs.persist(epoch);
        }
        reachedEpoch(trial, p.epoch());
    }

    /**
     * The primary objective's value at {@code step}, with every value reported beside it ({@code values}, null when
     * only the primary one is known), unless the trial already has a value there: a redelivered message or a
     * retried request never changes history. True when it was recorded.
     */
    public boolean recordIntermediate(TrialEntity trial, int step, double value, Map<String, Double> values,
                                      Instant now) {
        return reports.recordOnce(trial.id, step, value, values == null ? null : JsonColumns.writeMetrics(values), now);
    }

    /** The first training result of the current segment: the model and the training figures. */
    public void trained(TrialEntity trial, TrialResult result) {
        trial.artifactPath = result.artifactPath();
        trial.epochsTrained = result.epochsTrained();
        trial.trainSeconds = result.trainSeconds();
        trial.backend = result.backend();
        trial.trainSeed = result.seed();
        trial.bestEpoch = result.bestEpoch();
        trial.stoppedEarly = result.stoppedEarly();
        trial.prunedAfterEpoch = result.prunedAfterEpoch();
        trial.uncompressedValAccuracy = result.uncompressedValAccuracy();
    }

    /** The current segment ended with a checkpoint: the next segment resumes from it. */
    public void checkpointed(TrialEntity trial, TrialResult result) {
        trial.checkpointPath = result.checkpointPath();
        trial.trainSeconds = result.trainSeconds();
        trial.backend = result.backend();
        reachedEpoch(trial, result.epochsTrained());
    }

    /** Queues the trial's next segment, epochs {@code startEpoch + 1 .. stopEpoch}, for its first attempt. */
    public void queueSegment(TrialEntity trial, int startEpoch, int stopEpoch) {
        trial.segment++;
        trial.segmentStartEpoch = startEpoch;
        trial.segmentStopEpoch = stopEpoch;
        trial.attempt = 0;
        queue(trial);
    }

    /** Queues the current segment's job again: its next attempt is {@code attempt + 1}. */
    public void requeue(TrialEntity trial) {
        queue(trial);
    }

    /** What the evaluator (or the caller of an asked trial) measured, kept whatever the trial's end. */
    public void recordScore(TrialEntity trial, Map<String, Double> metrics, String hardware) {
        trial.metrics = JsonColumns.writeMetrics(metrics);
        trial.hardware = hardware;
    }

    /**
     * Which file the evaluator scored (its SHA-256: the model is served only while the file still has it) and the
     * precision inference ran in; either may be null when the evaluator did not report it.
     */
    public void recordScoredArtifact(TrialEntity trial, String artifactSha256, String computePrecision) {
        trial.artifactSha256 = artifactSha256;
        trial.computePrecision = computePrecision;
    }

    /** COMPLETE with its primary objective's value. False, changing nothing, when the trial had already finished. */
    public boolean complete(TrialEntity trial, double primaryValue, Instant now) {
        if (trial.state.isFinished()) {
            return false;
        }
        trial.primaryValue = primaryValue;
        return finish(trial, TrialState.COMPLETE, null, now);
    }

    /**
     * PRUNED, keeping {@code lastValue} (its last intermediate value) as its primary value when given. False, changing
     * nothing, when the trial had already finished.
     */
    public boolean prune(TrialEntity trial, String reason, Double lastValue, Instant now) {
        if (trial.state.isFinished()) {
            return false;
        }
        if (lastValue != null) {
            trial.primaryValue = lastValue;
        }
        return finish(trial, TrialState.PRUNED, reason, now);
    }

    /** FAIL, with why. False, changing nothing, when the trial had already finished. */
    public boolean fail(TrialEntity trial, String reason, Instant now) {
        return finish(trial, TrialState.FAIL, reason, now);
    }

    private boolean finish(TrialEntity trial, TrialState state, String reason, Instant now) {
        if (trial.state.isFinished()) {
            return false;
        }
        trial.state = state;
        trial.failureReason = truncate(reason);
        trial.finishedAt = now;
        ended.fire(new TrialEnded(trial.campaignId, state, trial.dispatchedAt, now));
        return true;
    }

    private void queue(TrialEntity trial) {
        trial.state = TrialState.WAITING;
        trial.dispatched = false;
        queued.fire(new SegmentQueued(trial.campaignId, trial.id, trial.segment));
    }

    /** The furthest epoch reported is what the trial used of the campaign's epoch budget. */
    private static void reachedEpoch(TrialEntity trial, int epoch) {
        if (trial.epochsTrained == null || epoch > trial.epochsTrained) {
            trial.epochsTrained = epoch;
        }
    }

    static String truncate(String reason) {
        if (reason == null || reason.length() <= MAX_REASON_LENGTH) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    // ---- reads -----------------------------------------------------------------------------------------------------

    public Optional<TrialEntity> find(String trialId) {
        return trials.findByIdOptional(trialId);
    }

    /** The trial of a campaign, or empty when the id names none of that campaign's. */
    public Optional<TrialEntity> find(String campaignId, String trialId) {
        return find(trialId).filter(t -> t.campaignId.equals(campaignId));
    }

    /** Reads the trial again: what was read before its campaign's lock was taken may have changed since. */
    public void refresh(TrialEntity trial) {
        trials.getEntityManager().refresh(trial);
    }

    /** Every trial of a campaign, by number. */
    public List<TrialEntity> forCampaign(String campaignId) {
        return trials.forCampaign(campaignId);
    }

    /** One page of a campaign's trials by number, with their epochs and intermediate values. */
    public TrialPage page(String campaignId, int offset, int limit) {
        List<TrialEntity> page = trials.forCampaign(campaignId, offset, limit);
        List<String> ids = page.stream().map(t -> t.id).toList();
        return new TrialPage(page, epochs.forTrials(ids), reports.forTrials(ids), trials.count("campaignId", campaignId));
    }

    /** How many intermediate values a trial has reported. */
    public long reportCount(TrialEntity trial) {
        return reports.countFor(trial.id);
    }

    /** A campaign's COMPLETE trials as the selection rules see them, by number. */
    public List<Contender> contenders(String campaignId) {
        return trials.completeFor(campaignId).stream().map(t -> new Contender(t.id, t.number,
                JsonColumns.readParams(t.params), JsonColumns.readMetrics(t.metrics))).toList();
    }

    /** Trials stored WAITING whose job the broker never acknowledged, by number. */
    public List<TrialEntity> undispatched(String campaignId) {
        return trials.undispatched(campaignId);
    }

    /** RUNNING trials still training from which no worker was heard since {@code cutoff}. */
    public List<String> trainingNotHeardSince(Instant cutoff) {
        return trials.trainingNotHeardSince(cutoff);
    }

    /** RUNNING trials trained before {@code cutoff} that still have no score. */
    public List<String> trainedNotScoredSince(Instant cutoff) {
        return trials.trainedNotScoredSince(cutoff);
    }

    /** Trials a worker was heard about since {@code cutoff}, latest first: what the workers did lately. */
    public List<TrialEntity> heardFromWorkersSince(Instant cutoff) {
        return trials.heardFromWorkersSince(cutoff);
    }

    public Map<TrialState, Long> countByState(String campaignId) {
        return trials.countByState(campaignId);
    }

    public Map<TrialState, Long> countByState() {
        return trials.countByState();
    }

    public Map<String, Map<TrialState, Long>> countByCampaignAndState() {
        return trials.countByCampaignAndState();
    }

    public long queueDepth() {
        return trials.queueDepth();
    }

    public EpochBudget epochBudget(String campaignId) {
        return trials.epochBudget(campaignId);
    }

    public Map<String, EpochBudget> epochBudgets() {
        return trials.epochBudgets();
    }

    public Map<String, Double> bestPrimaryValues() {
        return trials.bestPrimaryValues();
    }

    /** The trial's intermediate value at {@code step}, if it has one. */
    public Optional<TrialReportEntity> report(TrialEntity trial, int step) {
        return reports.find(trial.id, step);
    }

    /** The trial's intermediate value at its highest step, if it has any. */
    public Optional<TrialReportEntity> latestReport(TrialEntity trial) {
        return reports.latest(trial.id);
    }

    /** Every intermediate value of a campaign's trials: trial id → (step → value). */
    public Map<String, SortedMap<Integer, Double>> intermediateValues(String campaignId) {
        return reports.forCampaign(campaignId);
    }

    /** Every epoch of every trial of a campaign, by trial, segment, attempt and epoch. */
    public List<TrialEpochEntity> epochs(String campaignId) {
        return epochs.forCampaign(campaignId);
    }

    // ---- snapshots -------------------------------------------------------------------------------------------------

    /**
     * The campaign's trials as samplers and pruners see them, with their intermediate values; the caller holds the
     * campaign's lock.
     */
    public TrialSnapshots snapshot(CampaignEntity campaign, CampaignSpec spec) {
        Map<String, SortedMap<Integer, Double>> intermediate = intermediateValues(campaign.id);
        List<TrialEntity> all = forCampaign(campaign.id);
        List<TrialSnapshots.Frozen> frozen = new ArrayList<>();
        for (TrialEntity t : all) {
            frozen.add(new TrialSnapshots.Frozen(t.id, freeze(t, spec, intermediate.get(t.id))));
        }
        return new TrialSnapshots(frozen);
    }

    /**
     * The trial as samplers and pruners see it: objective values and constraint violations once COMPLETE, and its
     * intermediate values (null: none).
     */
    public static FrozenTrial freeze(TrialEntity t, CampaignSpec spec, SortedMap<Integer, Double> intermediate) {
        List<Double> values = new ArrayList<>();
        List<Double> violations = new ArrayList<>();
        if (t.state == TrialState.COMPLETE) {
            Map<String, Double> metrics = JsonColumns.readMetrics(t.metrics);
            spec.objectives().forEach(o -> values.add(metrics.get(o.metric())));
            spec.constraints().forEach(c -> violations.add(c.violation(metrics.get(c.metric()))));
        }
        return new FrozenTrial(t.number, JsonColumns.readParams(t.params), t.state, values, violations, intermediate);
    }
}
