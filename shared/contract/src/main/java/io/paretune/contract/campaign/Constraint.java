package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A bound a trial must meet to be feasible: {@code {"metric": "latency_ms_p50", "max": 0.2}} (either or both of
 * {@code min} and {@code max}). Infeasible trials still inform the sampler; feasible ones always rank first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Constraint(String metric, Double min, Double max) {

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
