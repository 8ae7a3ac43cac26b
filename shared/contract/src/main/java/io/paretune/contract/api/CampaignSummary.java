package io.paretune.contract.api;

import io.paretune.contract.campaign.Objective;

import java.time.Instant;
import java.util.Map;

/** One line of {@code GET /api/v1/campaigns}. */
public record CampaignSummary(
        String id,
        String name,
        CampaignState state,
        String reason,
        String sampler,
        long seed,
        Objective primaryObjective,
        int maxTrials,
        Map<String, Long> trialCounts,
        String bestTrialId,
        Double bestPrimaryValue,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {
}
