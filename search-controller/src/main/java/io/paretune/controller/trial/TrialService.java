package io.paretune.controller.trial;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.campaign.CampaignSpecs;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialEpochEntity;
import io.paretune.controller.persistence.TrialEpochRepository;
import io.paretune.controller.persistence.TrialReportRepository;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.pruning.SegmentPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the controller what happened to a trial, with Optuna's rules: a finished trial (COMPLETE, PRUNED, FAIL) never
 * changes state again, COMPLETE needs a value for every objective. Every message is idempotent: progress is keyed by
 * (trial, segment, attempt, epoch), the first result per (trial, segment) and the first score win, duplicates change
 * nothing. Messages about a finished trial are still recorded (epochs, attempt, worker, artifact) but never revive it.
 * <p>
 * Segments: a trial of a campaign with a pruner trains in segments. When one ends with a checkpoint, the pruner
 * decides here, in the same transaction: PRUNED (finished; its worker is already free), or the next segment is
 * queued (the trial is WAITING again, its job not yet dispatched) for the reconcile loop to publish. Messages of an
 * earlier segment than the trial's current one (a late duplicate attempt) only add to its history.
 */
@ApplicationScoped
public class TrialService {

    private static final Logger LOG = Logger.getLogger(TrialService.class);

    /** What became of a message. */
    public enum Handling { APPLIED, IGNORED, UNKNOWN_TRIAL }

    private final CampaignRepository campaigns;
    private final TrialRepository trials;
    private final TrialEpochRepository epochs;
    private final TrialReportRepository reports;
    private final CampaignService campaignService;
    private final CampaignSpecs specs;
    private final TrialTransitions transitions;
    private final SegmentPlanner segments;
    private final Event<SegmentQueued> segmentQueued;

    public TrialService(CampaignRepository campaigns, TrialRepository trials, TrialEpochRepository epochs,
                        TrialReportRepository reports, CampaignService campaignService, CampaignSpecs specs,
                        TrialTransitions transitions, SegmentPlanner segments, Event<SegmentQueued> segmentQueued) {
        this.campaigns = campaigns;
        this.trials = trials;
        this.epochs = epochs;
        this.reports = reports;
        this.campaignService = campaignService;
        this.specs = specs;
        this.transitions = transitions;
        this.segments = segments;
        this.segmentQueued = segmentQueued;
    }

    private record Locked(CampaignEntity campaign, TrialEntity trial) {
    }

    /**
     * STARTED moves WAITING to RUNNING; every phase of the current segment counts as a sign of life; EPOCH (of any
     * segment) also records the epoch and its intermediate value; RELEASED of the current attempt queues its job
     * again.
     */
    @Transactional
    public Handling onProgress(TrialProgress progress) {
        Locked locked = lock(progress.campaignId(), progress.trialId(), "progress " + progress.phase());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        Instant now = Instant.now();
        TrialEntity trial = locked.trial();
        if (progress.phase() == TrialProgress.Phase.RELEASED) {
            return onReleased(locked, progress, now);
        }
        if (progress.segment() == trial.segment) {
            observe(trial, progress.attempt(), progress.workerId(), now);
        }
        if (progress.phase() == TrialProgress.Phase.EPOCH) {
            recordEpoch(trial, progress, now);
            recordIntermediate(specs.of(locked.campaign()), trial, progress.epoch(), progress.valLoss(),
                    progress.valAccuracy(), now);
            reachedEpoch(trial, progress.epoch());
        }
        return Handling.APPLIED;
    }

    /**
     * FAILED fails the trial; TRAINED records the artifact and training figures once and waits for the score;
     * CHECKPOINTED asks the pruner whether the trial stops or its next segment is queued. Only results of the
     * trial's current segment count; the first one wins.
     */
    @Transactional
    public Handling onResult(TrialResult result) {
        Locked locked = lock(result.campaignId(), result.trialId(), "result " + result.outcome());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        Instant now = Instant.now();
        TrialEntity trial = locked.trial();
        if (result.segment() != trial.segment) {
            LOG.debugf("trial %s: %s result of segment %d (attempt %d) ignored, the trial is at segment %d", trial.id,
                    result.outcome(), result.segment(), result.attempt(), trial.segment);
            return Handling.IGNORED;
        }
        observe(trial, result.attempt(), result.workerId(), now);
        if (result.outcome() == TrialResult.Outcome.CHECKPOINTED) {
            return onCheckpoint(locked, result, now);
        }
        if (result.outcome() == TrialResult.Outcome.FAILED) {
            String reason = result.failureReason() == null || result.failureReason().isBlank()
                    ? "training failed" : result.failureReason();
            return end(locked, TrialState.FAIL, reason, now);
        }
        if (trial.artifactPath != null) {
            LOG.debugf("trial %s: duplicate training result (attempt %d) ignored", trial.id, result.attempt());
            return Handling.IGNORED;
        }
        trial.artifactPath = result.artifactPath();
        trial.epochsTrained = result.epochsTrained();
        trial.trainSeconds = result.trainSeconds();
        trial.backend = result.backend();
        return Handling.APPLIED;
    }

    /**
     * A segment of the trial ended with a checkpoint after epoch {@code reached}: record it with the intermediate
     * value at that epoch (the result carries it: the epoch's progress may come later, on another topic), then
     * prune, or queue the next segment from the checkpoint to the pruner's next decision step.
     */
    private Handling onCheckpoint(Locked locked, TrialResult result, Instant now) {
        TrialEntity trial = locked.trial();
        if (trial.state.isFinished()) {
            LOG.debugf("trial %s is already %s: checkpoint ignored", trial.id, trial.state);
            return Handling.IGNORED;
        }
        CampaignSpec spec = specs.of(locked.campaign());
        int reached = result.epochsTrained();
        trial.checkpointPath = result.checkpointPath();
        trial.trainSeconds = result.trainSeconds();
        trial.backend = result.backend();
        reachedEpoch(trial, reached);
        recordIntermediate(spec, trial, reached, result.lastValLoss(), result.lastValAccuracy(), now);
        int last = trial.lastEpoch != null ? trial.lastEpoch : spec.budget().maxEpochsPerTrial();
        if (reached <= trial.segmentStartEpoch || reached >= last) {
            return end(locked, TrialState.FAIL, "segment " + trial.segment + " checkpointed after epoch " + reached
                    + ", outside its epochs " + (trial.segmentStartEpoch + 1) + ".." + last, now);
        }
        if (locked.campaign().state.isFinished()) {
            return end(locked, TrialState.FAIL, CampaignService.CANCELLED_REASON, now);
        }
        SegmentPlanner.Decision decision = segments.afterCheckpoint(locked.campaign(), spec, trial, reached);
        if (decision instanceof SegmentPlanner.Prune prune) {
            LOG.infof("trial %d of campaign %s %s", trial.number, trial.campaignId, prune.reason());
            return end(locked, TrialState.PRUNED, prune.reason(), now);
        }
        int stop = ((SegmentPlanner.Continue) decision).stopEpoch();
        trial.segment++;
        trial.segmentStartEpoch = reached;
        trial.segmentStopEpoch = stop;
        trial.attempt = 0;
        trial.dispatched = false;
        trial.state = TrialState.WAITING;
        LOG.infof("trial %d of campaign %s promoted after epoch %d: segment %d trains epochs %d..%d", trial.number,
                trial.campaignId, reached, trial.segment, reached + 1, stop);
        segmentQueued.fire(new SegmentQueued(trial.campaignId, trial.id, trial.segment));
        return Handling.APPLIED;
    }

    /** SCORED completes the trial with its metrics (and may make it the campaign's best); FAILED fails it. */
    @Transactional
    public Handling onScore(TrialScore score) {
        Locked locked = lock(score.campaignId(), score.trialId(), "score " + score.outcome());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        TrialEntity trial = locked.trial();
        if (trial.state.isFinished()) {
            LOG.debugf("trial %s is already %s: score ignored", trial.id, trial.state);
            return Handling.IGNORED;
        }
        Instant now = Instant.now();
        if (score.outcome() == TrialScore.Outcome.FAILED) {
            String reason = score.failureReason() == null || score.failureReason().isBlank()
                    ? "the evaluator could not score the model" : score.failureReason();
            return end(locked, TrialState.FAIL, "scoring failed: " + reason, now);
        }
        CampaignSpec spec = specs.of(locked.campaign());
        trial.metrics = JsonColumns.writeMetrics(score.metrics());
        trial.hardware = score.hardware();
        List<String> missing = new ArrayList<>();
        for (Objective objective : spec.objectives()) {
            Double value = score.metrics().get(objective.metric());
            if (value == null || !Double.isFinite(value)) {
                missing.add(objective.metric());
            }
        }
        if (!missing.isEmpty()) {
            return end(locked, TrialState.FAIL, "the score has no finite value for objective(s) " + missing, now);
        }
        trial.primaryValue = score.metrics().get(spec.primaryObjective().metric());
        return end(locked, TrialState.COMPLETE, null, now);
    }

    /**
     * A RUNNING trial still training that no worker has reported on since {@code cutoff}: its worker died, hung, or
     * could not store its result. Its job is queued again for attempt {@code attempt + 1} while the trial has had
     * fewer than {@code maxAttempts} attempts at its current segment; after that the trial fails.
     */
    @Transactional
    public Handling retryIfAbandoned(String trialId, Instant cutoff, Instant now, int maxAttempts) {
        Locked locked = lockByTrial(trialId);
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        TrialEntity trial = locked.trial();
        if (specs.of(locked.campaign()).isExternal()) {
            return Handling.IGNORED; // its user evaluates it, for as long as it takes
        }
        if (trial.state != TrialState.RUNNING || trial.artifactPath != null
                || (trial.lastHeartbeatAt != null && !trial.lastHeartbeatAt.isBefore(cutoff))) {
            return Handling.IGNORED;
        }
        long silent = trial.lastHeartbeatAt == null ? 0 : Duration.between(trial.lastHeartbeatAt, now).toSeconds();
        String job = trial.segment == 0 ? "the job" : "the job of segment " + trial.segment;
        String silence = "no worker reported on attempt " + trial.attempt + " (" + trial.workerId + ") for " + silent
                + "s";
        if (trial.attempt < maxAttempts) {
            return requeue(locked, silence, now);
        }
        String reason = silence + "; " + job + " was abandoned after " + trial.attempt
                + (trial.attempt == 1 ? " attempt" : " attempts");
        LOG.warnf("trial %s (campaign %s): %s", trial.id, trial.campaignId, reason);
        return end(locked, TrialState.FAIL, reason, now);
    }

    /** A worker stopped the current attempt before it was done (it is shutting down): the job goes out again. */
    private Handling onReleased(Locked locked, TrialProgress progress, Instant now) {
        TrialEntity trial = locked.trial();
        if (progress.segment() != trial.segment || progress.attempt() != trial.attempt
                || trial.state != TrialState.RUNNING || trial.artifactPath != null) {
            return Handling.IGNORED; // an older attempt, or the segment ended meanwhile
        }
        return requeue(locked, "worker " + progress.workerId() + " released attempt " + progress.attempt(), now);
    }

    /** Queues the current segment's job again (its next attempt is {@code trial.attempt + 1}). */
    private Handling requeue(Locked locked, String why, Instant now) {
        TrialEntity trial = locked.trial();
        if (locked.campaign().state.isFinished()) {
            return end(locked, TrialState.FAIL, CampaignService.CANCELLED_REASON, now);
        }
        trial.state = TrialState.WAITING;
        trial.dispatched = false;
        LOG.warnf("trial %d of campaign %s: %s; segment %d queued again for attempt %d", trial.number,
                trial.campaignId, why, trial.segment, trial.attempt + 1);
        segmentQueued.fire(new SegmentQueued(trial.campaignId, trial.id, trial.segment));
        return Handling.APPLIED;
    }

    /** Fails a trained trial whose score has not come since {@code cutoff}. */
    @Transactional
    public Handling failIfNeverScored(String trialId, Instant cutoff, Instant now) {
        Locked locked = lockByTrial(trialId);
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        TrialEntity trial = locked.trial();
        if (trial.state != TrialState.RUNNING || trial.artifactPath == null
                || (trial.lastHeartbeatAt != null && !trial.lastHeartbeatAt.isBefore(cutoff))) {
            return Handling.IGNORED;
        }
        long waited = trial.lastHeartbeatAt == null ? 0 : Duration.between(trial.lastHeartbeatAt, now).toSeconds();
        String reason = "no score came " + waited + "s after training; the evaluator never scored the model";
        LOG.warnf("trial %s (campaign %s): %s", trial.id, trial.campaignId, reason);
        return end(locked, TrialState.FAIL, reason, now);
    }

    private Handling end(Locked locked, TrialState state, String reason, Instant now) {
        if (!finish(locked.campaign(), locked.trial(), state, reason, now)) {
            LOG.debugf("trial %s is already %s: %s ignored", locked.trial().id, locked.trial().state, state);
            return Handling.IGNORED;
        }
        return Handling.APPLIED;
    }

    /**
     * Ends an unfinished trial (a COMPLETE one with its metrics and primary value already set), makes it the
     * campaign's best when it beats the best so far, and ends the campaign when that was its last trial. The caller
     * holds the campaign lock. Returns false, changing nothing, when the trial had already finished.
     */
    public boolean finish(CampaignEntity campaign, TrialEntity trial, TrialState state, String reason, Instant now) {
        if (!transitions.finish(trial, state, reason, now)) {
            return false;
        }
        campaignService.considerBest(campaign, trial);
        campaignService.completeIfDone(campaign, now);
        return true;
    }

    /**
     * A sign of life from attempt {@code attempt} of the current segment: the highest attempt seen and its worker
     * are the trial's.
     */
    private static void observe(TrialEntity trial, int attempt, String workerId, Instant now) {
        if (attempt >= trial.attempt) {
            trial.attempt = attempt;
            if (workerId != null) {
                trial.workerId = workerId;
            }
        }
        trial.lastHeartbeatAt = now;
        // A worker has it, so the broker took it, even if the controller died before it could note that.
        trial.dispatched = true;
        if (trial.startedAt == null) {
            trial.startedAt = now;
        }
        if (trial.state == TrialState.WAITING) {
            trial.state = TrialState.RUNNING;
        }
    }

    private void recordEpoch(TrialEntity trial, TrialProgress p, Instant now) {
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
    }

    /** The primary objective after this epoch, when it is one measured per epoch: what pruners compare trials by. */
    private void recordIntermediate(CampaignSpec spec, TrialEntity trial, int epoch, Double valLoss,
                                    Double valAccuracy, Instant now) {
        String metric = spec.primaryObjective().metric();
        Double value = Metric.VAL_ACCURACY.wireName().equals(metric) ? valAccuracy
                : Metric.VAL_LOSS.wireName().equals(metric) ? valLoss : null;
        if (value != null && Double.isFinite(value)) {
            reports.recordOnce(trial.id, epoch, value, null, now);
        }
    }

    /** The furthest epoch reported is what the trial used of the campaign's epoch budget. */
    private static void reachedEpoch(TrialEntity trial, int epoch) {
        if (trial.epochsTrained == null || epoch > trial.epochsTrained) {
            trial.epochsTrained = epoch;
        }
    }

    private Locked lock(String campaignId, String trialId, String what) {
        CampaignEntity campaign = campaigns.lock(campaignId).orElse(null);
        TrialEntity trial = campaign == null ? null : trials.findById(trialId);
        if (trial == null || !trial.campaignId.equals(campaignId)) {
            LOG.warnf("%s for unknown trial %s of campaign %s: skipped", what, trialId, campaignId);
            return null;
        }
        return new Locked(campaign, trial);
    }

    private Locked lockByTrial(String trialId) {
        TrialEntity unlocked = trials.findById(trialId);
        if (unlocked == null) {
            return null;
        }
        CampaignEntity campaign = campaigns.lock(unlocked.campaignId).orElseThrow();
        // Re-read under the lock: what was read before it may have changed since.
        trials.getEntityManager().refresh(unlocked);
        return new Locked(campaign, unlocked);
    }
}
