package io.paretune.controller.pruning;

import io.paretune.contract.campaign.FieldError;

import java.util.List;

/**
 * Decides whether a trial stops early, from the intermediate values of it and of the campaign's other trials
 * (Optuna's pruner seam). Like a sampler it keeps no state: all it may use is in the {@link PruningRequest}, rebuilt
 * from the database each time, so a restarted controller decides the same.
 * <p>
 * External campaigns ask it on every {@code report}; pipeline campaigns train in segments that end exactly at the
 * steps where it may decide ({@link #nextDecisionStep}), so a trial it stops frees its worker at once.
 */
public interface Pruner {

    /** The {@code strategy.pruner.type} that selects it ({@code asha}, {@code hyperband}, {@code median}). */
    String type();

    /** Whether the trial should stop now, having reported {@code request.step()}. */
    boolean shouldPrune(PruningRequest request);

    /**
     * The first step after {@code currentStep} at which {@link #shouldPrune} could say yes (an ASHA rung, the next
     * median check), or {@code lastStep} when there is none before it. A pipeline trial trains to this epoch, then
     * its worker checkpoints and reports, and the controller asks {@link #shouldPrune}.
     *
     * @param request the campaign's pruner spec, seed and the trial (for Hyperband's bracket)
     */
    int nextDecisionStep(PruningRequest request, int currentStep, int lastStep);

    /** What is wrong with combining this pruner with a campaign (beyond the contract's checks); empty when fine. */
    default List<FieldError> check(io.paretune.contract.campaign.CampaignSpec spec) {
        return List.of();
    }
}
