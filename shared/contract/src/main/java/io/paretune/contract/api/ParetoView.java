package io.paretune.contract.api;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/campaigns/{id}/pareto}: the campaign's trade-offs. The front holds the COMPLETE trials no other
 * beats on every objective, among those that meet the constraints (when none does: among all, each flagged
 * infeasible), best first on the primary objective. Objectives are normalized over the front (min-max, 0 the best
 * value on the front, 1 the worst); the hypervolume is measured in that space against the reference point 1.1 in
 * every objective: the front's nadir plus 10 % of its range.
 *
 * @param feasibleOnly whether the front is made of trials that meet every constraint (true without constraints)
 * @param bounds       per objective metric, the best and worst values on the front: normalized = (value - best) /
 *                     (worst - best), 0 when they are equal
 * @param chosenTrialId the trial the campaign's verdict names, null when it names none
 */
public record ParetoView(
        String campaignId,
        @Schema(description = "The campaign's selection rule", enumeration = {"primary", "constraints", "knee",
                "weighted", "reward"})
        String rule,
        List<Objective> objectives,
        boolean feasibleOnly,
        List<Point> front,
        Map<String, Bounds> bounds,
        Hypervolume hypervolume,
        @Schema(nullable = true) String chosenTrialId) {

    /**
     * One trial of the front.
     *
     * @param values     its objective values, by metric
     * @param normalized the same, min-max normalized over the front (0 the best, 1 the worst)
     * @param feasible   whether it meets every constraint; null when the campaign has none
     * @param chosen     whether the campaign's verdict names it
     */
    @Schema(name = "ParetoPoint")
    public record Point(String trialId, int number, Map<String, Double> values, Map<String, Double> normalized,
                        Map<String, Object> params, @Schema(nullable = true) Boolean feasible, boolean chosen) {
    }

    /** An objective's best and worst values on the front, which normalization maps to 0 and 1. */
    @Schema(name = "ObjectiveBounds")
    public record Bounds(Direction direction, double best, double worst) {
    }

    /**
     * The volume of normalized objective space the front dominates, up to the reference point.
     *
     * @param value           null when there is no front yet, or when it was not computed (see {@code omitted})
     * @param reference       the reference point in normalized space: 1.1 per objective
     * @param referenceValues the same point in the objectives' own units
     * @param maximum         the largest value possible, 1.1^m for m objectives (a front of one ideal point)
     * @param omitted         why the value is null; null when it is not
     */
    @Schema(name = "HypervolumeView")
    public record Hypervolume(@Schema(nullable = true) Double value, Map<String, Double> reference,
                              Map<String, Double> referenceValues, double maximum,
                              @Schema(nullable = true) String omitted) {
    }
}
