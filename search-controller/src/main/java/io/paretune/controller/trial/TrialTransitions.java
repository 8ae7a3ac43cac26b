package io.paretune.controller.trial;

import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.store.LockedTrial;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The transitions that reach beyond one trial: a trial that ends tells its campaign (its best trial, whether it is
 * done), a job queued again for a cancelled campaign fails instead. The caller holds the campaign's lock; each
 * returns false, changing nothing, when the trial had already finished.
 */
@ApplicationScoped
public class TrialTransitions {

    private static final Logger LOG = Logger.getLogger(TrialTransitions.class);

    private final TrialStore trials;
    private final CampaignService campaigns;

    public TrialTransitions(TrialStore trials, CampaignService campaigns) {
        this.trials = trials;
        this.campaigns = campaigns;
    }

    public boolean complete(LockedTrial locked, double primaryValue, Instant now) {
        return ended(locked, trials.complete(locked.trial(), primaryValue, now), now);
    }

    /** @param lastValue its last intermediate value, kept as its primary value; null: none kept */
    public boolean prune(LockedTrial locked, String reason, Double lastValue, Instant now) {
        return ended(locked, trials.prune(locked.trial(), reason, lastValue, now), now);
    }

    public boolean fail(LockedTrial locked, String reason, Instant now) {
        return ended(locked, trials.fail(locked.trial(), reason, now), now);
    }

    /**
     * Queues the current segment's job again (its next attempt is {@code attempt + 1}); a trial of a cancelled
     * campaign fails instead.
     */
    public boolean requeue(LockedTrial locked, String why, Instant now) {
        TrialEntity trial = locked.trial();
        if (locked.campaign().state.isFinished()) {
            return fail(locked, CampaignService.CANCELLED_REASON, now);
        }
        trials.requeue(trial);
        LOG.warnf("trial %d of campaign %s: %s; segment %d queued again for attempt %d", trial.number,
                trial.campaignId, why, trial.segment, trial.attempt + 1);
        return true;
    }

    private boolean ended(LockedTrial locked, boolean changed, Instant now) {
        if (!changed) {
            LOG.debugf("trial %s is already %s: nothing changed", locked.trial().id, locked.trial().state);
            return false;
        }
        campaigns.trialEnded(locked.campaign(), locked.trial(), now);
        return true;
    }
}
