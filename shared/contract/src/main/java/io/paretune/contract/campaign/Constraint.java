package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A bound a trial must meet to be feasible: {@code {"metric": "latency_ms_p50", "max": 0.2}} (either or both of
 * {@code min} and {@code max}). Infeasible trials still inform the sampler; feasible ones always rank first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class)
public record Constraint(
        @Schema(required = true, pattern = CampaignSpecParser.USER_NAME_PATTERN)
        String metric,
        @Schema(description = "Lowest feasible value (min, max or both)", nullable = true)
        Double min,
        @Schema(description = "Highest feasible value", nullable = true)
        Double max) {

    /**
     * How far {@code value} lies outside the bounds: 0 when feasible, positive otherwise (Optuna's convention of
     * constraint values, where {@code <= 0} is feasible). A missing or non-finite value counts as infinitely far.
     */
    public double violation(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return Double.POSITIVE_INFINITY;
        }
        double v = 0;
        if (max != null && value > max) {
            v += value - max;
        }
        if (min != null && value < min) {
            v += min - value;
        }
        return v;
    }
}
