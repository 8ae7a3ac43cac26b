package io.paretune.controller.store;

import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Takes a trial's campaign lock and reads the trial under it, for changes that start from a trial: a message about
 * it, a stale check. The caller's transaction holds the lock until it commits.
 */
@ApplicationScoped
public class TrialLocks {

    private final CampaignStore campaigns;
    private final TrialStore trials;

    public TrialLocks(CampaignStore campaigns, TrialStore trials) {
        this.campaigns = campaigns;
        this.trials = trials;
    }

    /** The trial of that campaign, locked; empty when either is unknown or the trial is another campaign's. */
    public Optional<LockedTrial> lock(String campaignId, String trialId) {
        return campaigns.lock(campaignId)
                .flatMap(campaign -> trials.find(campaignId, trialId).map(trial -> new LockedTrial(campaign, trial)));
    }

    /** The trial and its campaign, locked; empty when the trial is unknown. */
    public Optional<LockedTrial> lock(String trialId) {
        TrialEntity unlocked = trials.find(trialId).orElse(null);
        if (unlocked == null) {
            return Optional.empty();
        }
        CampaignEntity campaign = campaigns.lock(unlocked.campaignId).orElseThrow();
        trials.refresh(unlocked);
        return Optional.of(new LockedTrial(campaign, unlocked));
    }
}
