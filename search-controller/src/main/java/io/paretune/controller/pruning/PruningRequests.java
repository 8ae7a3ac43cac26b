package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.store.TrialSnapshots;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds a {@link PruningRequest} from the store: the trial and every other trial of its campaign, frozen with their
 * intermediate values. One place for the pipeline's segments and the ask/tell API's reports, so both ask the pruner
 * the same question. The caller holds the campaign's lock.
 */
@ApplicationScoped
public class PruningRequests {

    private final TrialStore trials;

    public PruningRequests(TrialStore trials) {
        this.trials = trials;
    }

    /** The request for {@code trial} having reported {@code step}, of a campaign that has a pruner. */
    public PruningRequest of(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial, int step) {
        TrialSnapshots all = trials.snapshot(campaign, spec);
        return new PruningRequest(spec.strategy().pruner(), spec.primaryObjective().direction(), campaign.seed,
                all.of(trial.id), step, all.others(trial.id));
    }
}
