package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Multi-fidelity early stopping across trials, in {@code strategy.pruner}. Resources are epochs for pipeline
 * campaigns and the user's {@code step}s for external ones.
 * <ul>
 *   <li>{@code {"type": "asha", "minResource": 1, "maxResource": 27, "reductionFactor": 3}}: asynchronous successive
 *       halving; rungs at minResource·η^k; a trial continues past a rung only in the top 1/η of that rung.</li>
 *   <li>{@code {"type": "hyperband", ...same fields}}: brackets of ASHA with staggered minimum resources.</li>
 *   <li>{@code {"type": "median", "startupTrials": 5, "warmupSteps": 0, "intervalSteps": 1}}: stop a trial whose best
 *       intermediate value is worse than the median of other trials at the same step.</li>
 * </ul>
 * Absent fields are null here and take the pruner's defaults (see {@link #withDefaults(int)}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Absent: every trial runs to the end. asha and hyperband take minResource, maxResource "
        + "(required for external campaigns) and reductionFactor; median takes startupTrials, warmupSteps and "
        + "intervalSteps", additionalProperties = Schema.False.class)
public record PrunerSpec(
        @Schema(required = true, enumeration = {PrunerSpec.ASHA, PrunerSpec.HYPERBAND, PrunerSpec.MEDIAN})
        String type,
        @Schema(minimum = "1", nullable = true) Integer minResource,
        @Schema(minimum = "1", nullable = true) Integer maxResource,
        @Schema(minimum = "2", nullable = true) Integer reductionFactor,
        @Schema(minimum = "0", nullable = true) Integer startupTrials,
        @Schema(minimum = "0", nullable = true) Integer warmupSteps,
        @Schema(minimum = "1", nullable = true) Integer intervalSteps) {

    public static final String ASHA = "asha";
    public static final String HYPERBAND = "hyperband";
    public static final String MEDIAN = "median";

    public static final int DEFAULT_MIN_RESOURCE = 1;
    public static final int DEFAULT_REDUCTION_FACTOR = 3;
    public static final int DEFAULT_STARTUP_TRIALS = 5;
    public static final int DEFAULT_WARMUP_STEPS = 0;
    public static final int DEFAULT_INTERVAL_STEPS = 1;

    /** Every field filled: absent ones take the defaults, {@code maxResource} the given one. */
    public PrunerSpec withDefaults(int defaultMaxResource) {
        return new PrunerSpec(type,
                minResource != null ? minResource : DEFAULT_MIN_RESOURCE,
                maxResource != null ? maxResource : defaultMaxResource,
                reductionFactor != null ? reductionFactor : DEFAULT_REDUCTION_FACTOR,
                startupTrials != null ? startupTrials : DEFAULT_STARTUP_TRIALS,
                warmupSteps != null ? warmupSteps : DEFAULT_WARMUP_STEPS,
                intervalSteps != null ? intervalSteps : DEFAULT_INTERVAL_STEPS);
    }
}
