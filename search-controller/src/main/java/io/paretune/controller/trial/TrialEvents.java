package io.paretune.controller.trial;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.config.ControllerClock;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.pruning.SegmentPlanner;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.LockedTrial;
import io.paretune.controller.store.TrialLocks;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What workers and the evaluator report about trials, applied with Optuna's rules: a finished trial (COMPLETE,
 * PRUNED, FAIL) never changes state again, COMPLETE needs a value for every objective. Every message is idempotent:
 * progress is keyed by (trial, segment, attempt, epoch), the first result per (trial, segment) and the first score
 * win, duplicates change nothing. Messages about a finished trial are still recorded (epochs, attempt, worker,
 * artifact) but never revive it. Each message is one transaction under the campaign's lock.
 * <p>
 * Segments: a trial of a campaign with a pruner trains in segments. When one ends with a checkpoint, the pruner
 * decides here, in the same transaction: PRUNED (finished; its worker is already free), or the next segment is
 * queued (the trial is WAITING again, its job not yet dispatched) for the reconcile loop to publish. Messages of an
 * earlier segment than the trial's current one (a late duplicate attempt) only add to its history.
 * <p>
 * Before any of that, a message must agree with what the controller dispatched ({@link MessageConsistency}); one
 * that does not throws {@link io.paretune.contract.messaging.InconsistentMessageException}, rolling back its
 * transaction, and is dead-lettered.
 */
@ApplicationScoped
public class TrialEvents {

    private static final Logger LOG = Logger.getLogger(TrialEvents.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** The column's width. */
    private static final int MAX_PRECISION_LENGTH = 200;

    /** What became of a message. */
    public enum Handling { APPLIED, IGNORED, UNKNOWN_TRIAL }

    private final TrialLocks locks;
    private final TrialStore trials;
    private final TrialTransitions transitions;
    private final CampaignSpecs specs;
    private final SegmentPlanner segments;
    private final ControllerClock clock;

    public TrialEvents(TrialLocks locks, TrialStore trials, TrialTransitions transitions, CampaignSpecs specs,
                       SegmentPlanner segments, ControllerClock clock) {
        this.locks = locks;
        this.trials = trials;
        this.transitions = transitions;
        this.specs = specs;
        this.segments = segments;
        this.clock = clock;
    }

    /**
     * STARTED moves WAITING to RUNNING; every phase of the current segment counts as a sign of life; EPOCH (of any
     * segment) also records the epoch and its intermediate value; RELEASED of the current attempt queues its job
     * again.
     */
    @Transactional
    public Handling onProgress(TrialProgress progress) {
        LockedTrial locked = lock(progress.campaignId(), progress.trialId(), "progress " + progress.phase());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        Instant now = clock.now();
        TrialEntity trial = locked.trial();
        MessageConsistency.checkProgress(specs.of(locked.campaign()), trial, progress);
        if (progress.phase() == TrialProgress.Phase.RELEASED) {
            return onReleased(locked, progress, now);
        }
        if (progress.segment() == trial.segment) {
            trials.heardFrom(trial, progress.attempt(), progress.workerId(), now);
        }
        if (progress.phase() == TrialProgress.Phase.EPOCH) {
            trials.recordEpoch(trial, progress, now);
            recordIntermediate(specs.of(locked.campaign()), trial, progress.epoch(), progress.valLoss(),
                    progress.valAccuracy(), now);
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
        LockedTrial locked = lock(result.campaignId(), result.trialId(), "result " + result.outcome());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        Instant now = clock.now();
        TrialEntity trial = locked.trial();
        MessageConsistency.checkResult(specs.of(locked.campaign()), trial, result);
        if (result.segment() != trial.segment) {
            LOG.debugf("trial %s: %s result of segment %d (attempt %d) ignored, the trial is at segment %d", trial.id,
                    result.outcome(), result.segment(), result.attempt(), trial.segment);
            return Handling.IGNORED;
        }
        trials.heardFrom(trial, result.attempt(), result.workerId(), now);
        if (result.outcome() == TrialResult.Outcome.CHECKPOINTED) {
            return onCheckpoint(locked, result, now);
        }
        if (result.outcome() == TrialResult.Outcome.FAILED) {
            String reason = result.failureReason() == null || result.failureReason().isBlank()
                    ? "training failed" : result.failureReason();
            return fail(locked, reason, now);
        }
        if (trial.artifactPath != null) {
            LOG.debugf("trial %s: duplicate training result (attempt %d) ignored", trial.id, result.attempt());
            return Handling.IGNORED;
        }
        trials.trained(trial, result);
        return Handling.APPLIED;
    }

    /**
     * A segment of the trial ended with a checkpoint after epoch {@code reached}: record it with the intermediate
     * value at that epoch (the result carries it: the epoch's progress may come later, on another topic), then
     * prune, or queue the next segment from the checkpoint to the pruner's next decision step.
     */
    private Handling onCheckpoint(LockedTrial locked, TrialResult result, Instant now) {
        TrialEntity trial = locked.trial();
        if (trial.state.isFinished()) {
            LOG.debugf("trial %s is already %s: checkpoint ignored", trial.id, trial.state);
            return Handling.IGNORED;
        }
        CampaignSpec spec = specs.of(locked.campaign());
        int reached = result.epochsTrained();
        trials.checkpointed(trial, result);
        recordIntermediate(spec, trial, reached, result.lastValLoss(), result.lastValAccuracy(), now);
        int last = trial.lastEpoch != null ? trial.lastEpoch : spec.budget().maxEpochsPerTrial();
        if (reached <= trial.segmentStartEpoch || reached >= last) {
            return fail(locked, "segment " + trial.segment + " checkpointed after epoch " + reached
                    + ", outside its epochs " + (trial.segmentStartEpoch + 1) + ".." + last, now);
        }
        if (locked.campaign().state.isFinished()) {
            return fail(locked, CampaignService.CANCELLED_REASON, now);
        }
        SegmentPlanner.Decision decision = segments.afterCheckpoint(locked.campaign(), spec, trial, reached);
        if (decision instanceof SegmentPlanner.Prune prune) {
            LOG.infof("trial %d of campaign %s %s", trial.number, trial.campaignId, prune.reason());
            return handled(transitions.prune(locked, prune.reason(), null, now));
        }
        int stop = ((SegmentPlanner.Continue) decision).stopEpoch();
        trials.queueSegment(trial, reached, stop);
        LOG.infof("trial %d of campaign %s promoted after epoch %d: segment %d trains epochs %d..%d", trial.number,
                trial.campaignId, reached, trial.segment, reached + 1, stop);
        return Handling.APPLIED;
    }

    /** SCORED completes the trial with its metrics (and may make it the campaign's best); FAILED fails it. */
    @Transactional
    public Handling onScore(TrialScore score) {
        LockedTrial locked = lock(score.campaignId(), score.trialId(), "score " + score.outcome());
        if (locked == null) {
            return Handling.UNKNOWN_TRIAL;
        }
        TrialEntity trial = locked.trial();
        CampaignSpec spec = specs.of(locked.campaign());
        MessageConsistency.checkScore(spec, trial, score);
        if (trial.state.isFinished()) {
            LOG.debugf("trial %s is already %s: score ignored", trial.id, trial.state);
            return Handling.IGNORED;
        }
        Instant now = clock.now();
        if (score.outcome() == TrialScore.Outcome.FAILED) {
            String reason = score.failureReason() == null || score.failureReason().isBlank()
                    ? "the evaluator could not score the model" : score.failureReason();
            return fail(locked, "scoring failed: " + reason, now);
        }
        trials.recordScore(trial, score.metrics(), score.hardware());
        trials.recordScoredArtifact(trial, sha256(score), computePrecision(score));
        List<String> missing = new ArrayList<>();
        for (Objective objective : spec.objectives()) {
            Double value = score.metrics().get(objective.metric());
            if (value == null || !Double.isFinite(value)) {
                missing.add(objective.metric());
            }
        }
        if (!missing.isEmpty()) {
            return fail(locked, "the score has no finite value for objective(s) " + missing, now);
        }
        return handled(transitions.complete(locked, score.metrics().get(spec.primaryObjective().metric()), now));
    }

    /** The score's artifact hash as 64 lower-case hex digits; anything else is not a SHA-256 and is not kept. */
    private static String sha256(TrialScore score) {
        String sha = score.artifactSha256();
        if (sha == null) {
            return null;
        }
        String hex = sha.strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hex).matches()) {
            LOG.warnf("trial %s: the score's artifactSha256 is not a SHA-256 in hex: ignored", score.trialId());
            return null;
        }
        return hex;
    }

    private static String computePrecision(TrialScore score) {
        String precision = score.computePrecision();
        return precision == null || precision.length() <= MAX_PRECISION_LENGTH ? precision
                : precision.substring(0, MAX_PRECISION_LENGTH);
    }

    /** A worker stopped the current attempt before it was done (it is shutting down): the job goes out again. */
    private Handling onReleased(LockedTrial locked, TrialProgress progress, Instant now) {
        TrialEntity trial = locked.trial();
        if (progress.segment() != trial.segment || progress.attempt() != trial.attempt
                || trial.state != TrialState.RUNNING || trial.artifactPath != null) {
            return Handling.IGNORED; // an older attempt, or the segment ended meanwhile
        }
        return handled(transitions.requeue(locked, "worker " + progress.workerId() + " released attempt " + progress.attempt(), now));
    }

    private Handling fail(LockedTrial locked, String reason, Instant now) {
        return handled(transitions.fail(locked, reason, now));
    }

    private static Handling handled(boolean changed) {
        return changed ? Handling.APPLIED : Handling.IGNORED;
    }

    private LockedTrial lock(String campaignId, String trialId, String what) {
        LockedTrial locked = locks.lock(campaignId, trialId).orElse(null);
        if (locked == null) {
            LOG.warnf("%s for unknown trial %s of campaign %s: skipped", what, trialId, campaignId);
        }
        return locked;
    }

    /** The primary objective after this epoch, when it is one measured per epoch: what pruners compare trials by. */
    private void recordIntermediate(CampaignSpec spec, TrialEntity trial, int epoch, Double valLoss,
                                    Double valAccuracy, Instant now) {
        String metric = spec.primaryObjective().metric();
        Double value = Metric.VAL_ACCURACY.wireName().equals(metric) ? valAccuracy
                : Metric.VAL_LOSS.wireName().equals(metric) ? valLoss : null;
        if (value != null && Double.isFinite(value)) {
            trials.recordIntermediate(trial, epoch, value, null, now);
        }
    }
}
