package io.paretune.controller.trial;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.persistence.CampaignEntity;
import io.paretune.controller.persistence.TrialEntity;
import io.paretune.controller.pruning.SegmentPlanner;
import io.paretune.controller.search.SamplerRegistry;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.store.TrialSnapshots;
import io.paretune.controller.store.TrialStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/**
 * The one way trials are proposed, for dispatch (stored WAITING) and for ask/tell (stored RUNNING): the campaign's
 * sampler sees every trial so far, finished ones with their values and pending ones so that it does not propose them
 * again, with their intermediate values; a pipeline trial gets its first segment planned to its pruner's first
 * decision step.
 */
@ApplicationScoped
public class TrialProposals {

    private final TrialStore trials;
    private final SamplerRegistry samplers;
    private final SegmentPlanner segments;

    public TrialProposals(TrialStore trials, SamplerRegistry samplers, SegmentPlanner segments) {
        this.trials = trials;
        this.samplers = samplers;
        this.segments = segments;
    }

    /**
     * Proposes the campaign's next trial and stores it in {@code state}. The caller holds the campaign's lock and has
     * checked the budget.
     */
    public TrialEntity proposeAndCreate(CampaignEntity campaign, CampaignSpec spec, TrialState state, Instant now) {
        return proposeAndCreate(campaign, spec, trials.snapshot(campaign, spec), state, now);
    }

    /** As {@link #proposeAndCreate(CampaignEntity, CampaignSpec, TrialState, Instant)}, from a snapshot just taken. */
    public TrialEntity proposeAndCreate(CampaignEntity campaign, CampaignSpec spec, TrialSnapshots sofar,
                                        TrialState state, Instant now) {
        int number = sofar.size();
        Map<String, Object> params = samplers.get(campaign.sampler).sample(new SamplingRequest(spec.searchSpace(),
                spec.objectives(), spec.constraints(), spec.strategy().options(), campaign.seed, number,
                sofar.finished(), sofar.pending()));
        if (spec.isExternal()) { // ask/tell trials are trained by the user, step by step: no segments
            return trials.create(campaign, number, params, state, null, now);
        }
        TrialEntity trial = trials.create(campaign, number, params, state, SegmentPlanner.lastEpoch(spec, params), now);
        trials.planFirstSegment(trial, segments.firstStop(campaign, spec, trial));
        return trial;
    }
}
