package io.paretune.controller.trial;

import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.store.CampaignSpecs;
import io.paretune.controller.store.LockedTrial;
import io.paretune.controller.store.TrialLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Trials gone silent, as Optuna's heartbeat and {@code fail_stale_trials} handle them: a RUNNING trial whose worker
 * stopped reporting is dispatched again, up to its attempt limit, and one trained but never scored fails. Each check
 * is one transaction under the campaign's lock, and looks again at the trial there: a message may have come since it
 * was found silent.
 */
@ApplicationScoped
public class StaleTrials {

    private static final Logger LOG = Logger.getLogger(StaleTrials.class);

    private final TrialLocks locks;
    private final TrialTransitions transitions;
    private final CampaignSpecs specs;

    public StaleTrials(TrialLocks locks, TrialTransitions transitions, CampaignSpecs specs) {
        this.locks = locks;
        this.transitions = transitions;
        this.specs = specs;
    }

    /**
     * A RUNNING trial still training that no worker has reported on since {@code cutoff}: its worker died, hung, or
     * could not store its result. Its job is queued again for attempt {@code attempt + 1} while the trial has had
     * fewer than {@code maxAttempts} attempts at its current segment; after that the trial fails. True when it
     * changed the trial.
     */
    @Transactional
    public boolean retryIfAbandoned(String trialId, Instant cutoff, Instant now, int maxAttempts) {
        LockedTrial locked = locks.lock(trialId).orElse(null);
        if (locked == null) {
            return false;
        }
        TrialEntity trial = locked.trial();
        if (specs.of(locked.campaign()).isExternal()) {
            return false; // its user evaluates it, for as long as it takes
        }
        if (trial.state != TrialState.RUNNING || trial.artifactPath != null || heardSince(trial, cutoff)) {
            return false;
        }
        String silence = "no worker reported on attempt " + trial.attempt + " (" + trial.workerId + ") for "
                + silentSeconds(trial, now) + "s";
        if (trial.attempt < maxAttempts) {
            return transitions.requeue(locked, silence, now);
        }
        String job = trial.segment == 0 ? "the job" : "the job of segment " + trial.segment;
        String reason = silence + "; " + job + " was abandoned after " + trial.attempt
                + (trial.attempt == 1 ? " attempt" : " attempts");
        LOG.warnf("trial %s (campaign %s): %s", trial.id, trial.campaignId, reason);
        return transitions.fail(locked, reason, now);
    }

    /** Fails a trained trial whose score has not come since {@code cutoff}. True when it failed it. */
    @Transactional
    public boolean failIfNeverScored(String trialId, Instant cutoff, Instant now) {
        LockedTrial locked = locks.lock(trialId).orElse(null);
        if (locked == null) {
            return false;
        }
        TrialEntity trial = locked.trial();
        if (trial.state != TrialState.RUNNING || trial.artifactPath == null || heardSince(trial, cutoff)) {
            return false;
        }
        String reason = "no score came " + silentSeconds(trial, now) + "s after training; the evaluator never scored "
                + "the model";
        LOG.warnf("trial %s (campaign %s): %s", trial.id, trial.campaignId, reason);
        return transitions.fail(locked, reason, now);
    }

    private static boolean heardSince(TrialEntity trial, Instant cutoff) {
        return trial.lastHeartbeatAt != null && !trial.lastHeartbeatAt.isBefore(cutoff);
    }

    private static long silentSeconds(TrialEntity trial, Instant now) {
        return trial.lastHeartbeatAt == null ? 0 : Duration.between(trial.lastHeartbeatAt, now).toSeconds();
    }
}
