package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * How much each searched parameter mattered to a campaign's primary objective over its COMPLETE trials:
 * {@code GET /api/v1/campaigns/{id}/importance}.
 *
 * @param method     how the shares were measured, in words
 * @param trials     the COMPLETE trials the shares were measured on
 * @param parameters the parameters that varied over those trials, most important first; shares sum to 1 (all 0 when
 *                   none explains the objective)
 * @param omitted    why there are no shares (too few COMPLETE trials, nothing varied); null when there are
 */
@Schema(description = "How much each searched parameter mattered to the primary objective: Breiman's permutation "
        + "importance on a random forest over the COMPLETE trials (out-of-bag error increase when the parameter's "
        + "values are shuffled), as shares that sum to 1", requiredProperties = {"campaignId", "metric", "method",
        "trials", "parameters"})
public record ParameterImportance(
        String campaignId,
        String metric,
        String method,
        int trials,
        List<Share> parameters,
        @Schema(nullable = true) String omitted) {

    /** One parameter's share of the importance, 0 to 1. */
    @Schema(requiredProperties = {"parameter", "importance"})
    public record Share(String parameter, double importance) {
    }
}
