package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.controller.dispatch.TrialProposer;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.persistence.TrialReportRepository;
import io.paretune.controller.persistence.TrialRepository;
import io.paretune.controller.search.FrozenTrial;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Builds a {@link PruningRequest} from the database: the trial and every other trial of its campaign, frozen with
 * their intermediate values. One place for the pipeline's segments and the ask/tell API's reports, so both ask the
 * pruner the same question. The caller holds the campaign's lock.
 */
@ApplicationScoped
public class PruningRequests {

    private final TrialRepository trials;
    private final TrialReportRepository reports;

    public PruningRequests(TrialRepository trials, TrialReportRepository reports) {
        this.trials = trials;
        this.reports = reports;
    }

    /** The request for {@code trial} having reported {@code step}, of a campaign that has a pruner. */
    public PruningRequest of(CampaignEntity campaign, CampaignSpec spec, TrialEntity trial, int step) {
        Map<String, SortedMap<Integer, Double>> intermediate = reports.forCampaign(campaign.id);
        List<FrozenTrial> others = new ArrayList<>();
        for (TrialEntity t : trials.forCampaign(campaign.id)) {
            if (!t.id.equals(trial.id)) {
                others.add(TrialProposer.freeze(t, spec, intermediate.get(t.id)));
            }
        }
        FrozenTrial self = TrialProposer.freeze(trial, spec, intermediate.get(trial.id));
        return new PruningRequest(spec.strategy().pruner(), spec.primaryObjective().direction(), campaign.seed, self,
                step, others);
    }
}
