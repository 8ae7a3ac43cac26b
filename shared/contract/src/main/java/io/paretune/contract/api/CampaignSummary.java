package io.paretune.contract.api;

import io.paretune.contract.campaign.Objective;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * One line of {@code GET /api/v1/campaigns}.
 *
 * @param epochsUsed  epochs its trials trained (as {@link CampaignDetail#epochsUsed()})
 * @param epochsSaved epochs pruning saved versus full fidelity (as {@link CampaignDetail#epochsSaved()})
 */
public record CampaignSummary(
        String id,
        String name,
        CampaignState state,
        @Schema(nullable = true) String reason,
        String sampler,
        long seed,
        Objective primaryObjective,
        int maxTrials,
        Map<String, Long> trialCounts,
        @Schema(nullable = true) String bestTrialId,
        @Schema(nullable = true) Double bestPrimaryValue,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant finishedAt,
        long epochsUsed,
        long epochsSaved) {
}
