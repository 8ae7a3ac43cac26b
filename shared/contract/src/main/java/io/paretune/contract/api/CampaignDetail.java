package io.paretune.contract.api;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Objective;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/campaigns/{id}}: the campaign, its spec as stored (seed filled in), its trials counted by state,
 * its best trial so far (null until one is COMPLETE), its Pareto front (the trade-offs between its objectives) and
 * its budget in epochs, and its verdict (the trial its selection rule names; null until a trial is COMPLETE).
 *
 * @param epochsUsed  epochs its trials trained, over all their segments (per trial the furthest epoch reached)
 * @param epochsSaved epochs pruned trials did not train versus full fidelity (per pruned trial: its full-fidelity
 *                    epochs minus those it trained)
 */
public record CampaignDetail(
        String id,
        String name,
        CampaignState state,
        @Schema(nullable = true) String reason,
        long seed,
        String sampler,
        List<Objective> objectives,
        CampaignSpec spec,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant finishedAt,
        Map<String, Long> trialCounts,
        @Schema(nullable = true) BestTrialView best,
        List<ParetoTrialView> paretoFront,
        // Nullable object fields carry no description of their own (see CampaignSpec); Verdict describes itself.
        @Schema(nullable = true) Verdict verdict,
        long epochsUsed,
        long epochsSaved) {

    /**
     * The best COMPLETE trial: feasible first, then by the primary objective (ties: the lower number).
     *
     * @param feasible whether it meets every constraint; null when the campaign has none
     */
    public record BestTrialView(String trialId, int number, Map<String, Object> params, Map<String, Double> metrics,
                                @Schema(nullable = true) Double primaryValue,
                                @Schema(nullable = true) Boolean feasible) {
    }

    /**
     * A COMPLETE trial that no other dominates (constrained domination: feasible trials first), listed best first
     * on the primary objective. With one objective the front is the best trial and any that tie with it.
     *
     * @param values   the trial's value for each objective, in the campaign's order of objectives
     * @param feasible whether it meets every constraint; null when the campaign has none
     */
    public record ParetoTrialView(String trialId, int number, Map<String, Double> values, Map<String, Object> params,
                                  @Schema(nullable = true) Boolean feasible) {
    }
}
