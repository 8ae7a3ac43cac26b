package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.campaign.Objective;
import io.paretune.controller.campaign.CampaignState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/campaigns/{id}}: the campaign, its spec as stored (seed filled in), its trials counted by state,
 * its best trial so far (null until one is COMPLETE) and its budget in epochs.
 *
 * @param epochsUsed  epochs its trials trained, over all their segments (per trial the furthest epoch reached)
 * @param epochsSaved epochs pruned trials did not train versus full fidelity (per pruned trial: its full-fidelity
 *                    epochs minus those it trained)
 */
public record CampaignDetail(
        String id,
        String name,
        CampaignState state,
        String reason,
        long seed,
        String sampler,
        List<Objective> objectives,
        JsonNode spec,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        Map<String, Long> trialCounts,
        BestTrialView best,
        long epochsUsed,
        long epochsSaved) {

    /** The best COMPLETE trial on the primary objective (ties: the lower number). */
    public record BestTrialView(String trialId, int number, Map<String, Object> params, Map<String, Double> metrics,
                                Double primaryValue) {
    }
}
