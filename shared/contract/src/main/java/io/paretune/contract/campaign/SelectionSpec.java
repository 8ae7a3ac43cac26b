package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a campaign names the trial to ship, its verdict: {@code {"rule": "knee"}}.
 * <ul>
 *   <li>{@code primary} (the default): the best trial on the primary objective, feasible first.</li>
 *   <li>{@code constraints}: the best on the primary objective among the trials that meet every constraint (the
 *       campaign needs constraints); no verdict while none does.</li>
 *   <li>{@code knee}: the knee of the Pareto front (2+ objectives), in min-max normalized objectives.</li>
 *   <li>{@code weighted}: the least weighted sum of normalized objectives,
 *       {@code {"rule": "weighted", "weights": {"val_accuracy": 2, "latency_ms_p50": 1}}} (2+ objectives).</li>
 *   <li>{@code reward}: MnasNet's reward (Tan et al. 2019), {@code accuracy · (m / target)^w} with
 *       {@code w = alpha} when {@code m <= target}, else {@code beta}:
 *       {@code {"rule": "reward", "metric": "latency_ms_p50", "target": 0.3}}. The defaults
 *       {@code alpha = beta = -0.07} are MnasNet's soft form (a model twice the target loses about 5 % of its
 *       reward); {@code alpha = 0, beta = -1} is its hard form (no gain below the target, a steep loss above).</li>
 * </ul>
 * Stored with every default filled in ({@code alpha}, {@code beta}, {@code accuracyMetric}).
 *
 * @param weights        weighted only: a weight {@code >= 0} per objective metric (absent: 0), one at least positive
 * @param metric         reward only: the cost the reward trades accuracy against (latency, size, weights, MACs)
 * @param target         reward only: the cost aimed at, {@code > 0}, in the metric's unit
 * @param accuracyMetric reward only: the metric multiplied (default: the primary objective when it is maximized,
 *                       else {@code val_accuracy} for pipeline campaigns)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Which trial the campaign's verdict names (default {\"rule\": \"primary\"}): primary, "
        + "constraints (needs constraints), knee or weighted (2+ objectives; weighted takes weights), or reward "
        + "(MnasNet's accuracy x (metric / target)^w; takes metric, target, alpha, beta, accuracyMetric)",
        additionalProperties = Schema.False.class)
public record SelectionSpec(
        @Schema(required = true, enumeration = {SelectionSpec.PRIMARY, SelectionSpec.CONSTRAINTS, SelectionSpec.KNEE,
                SelectionSpec.WEIGHTED, SelectionSpec.REWARD})
        String rule,
        @Schema(description = "weighted: a weight >= 0 per objective metric, at least one positive", nullable = true)
        Map<String, Double> weights,
        @Schema(description = "reward: the cost metric, such as latency_ms_p50, model_size_bytes, nonzero_params or "
                + "macs", nullable = true)
        String metric,
        @Schema(description = "reward: the cost aimed at (> 0)", minimum = "0", exclusiveMinimum = true,
                nullable = true)
        Double target,
        @Schema(description = "reward: the exponent at or below the target (default -0.07; 0 for the hard form)",
                minimum = "" + SelectionSpec.LOWEST_EXPONENT, maximum = "0", nullable = true)
        Double alpha,
        @Schema(description = "reward: the exponent above the target (default -0.07; -1 for the hard form)",
                minimum = "" + SelectionSpec.LOWEST_EXPONENT, maximum = "0", nullable = true)
        Double beta,
        @Schema(description = "reward: the accuracy multiplied (default: the primary objective when maximized)",
                nullable = true)
        String accuracyMetric) {

    public static final String PRIMARY = "primary";
    public static final String CONSTRAINTS = "constraints";
    public static final String KNEE = "knee";
    public static final String WEIGHTED = "weighted";
    public static final String REWARD = "reward";
    public static final List<String> RULES = List.of(PRIMARY, CONSTRAINTS, KNEE, WEIGHTED, REWARD);

    /** MnasNet's soft-constraint exponents. */
    public static final double DEFAULT_ALPHA = -0.07;
    public static final double DEFAULT_BETA = -0.07;
    /** Exponents below this would only overflow: -1 already makes a model twice the target worth half. */
    public static final double LOWEST_EXPONENT = -10;

    /**
     * Metrics a pipeline campaign's reward may trade accuracy against: costs, positive, lower is better (a
     * generalization gap can be negative, a loss is no cost of the model).
     */
    public static final Set<String> REWARD_COSTS = Set.of(Metric.LATENCY_MS_P50.wireName(),
            Metric.LATENCY_MS_P95.wireName(), Metric.MODEL_SIZE_BYTES.wireName(), Metric.NONZERO_PARAMS.wireName(),
            Metric.PARAM_COUNT.wireName(), Metric.MACS.wireName(), Metric.TRAIN_SECONDS.wireName());

    public SelectionSpec {
        weights = weights == null ? null : Map.copyOf(weights);
    }

    /** Today's rule, and the default: the best on the primary objective, feasible first. */
    public static SelectionSpec primary() {
        return new SelectionSpec(PRIMARY, null, null, null, null, null, null);
    }

    public static SelectionSpec of(String rule) {
        return new SelectionSpec(rule, null, null, null, null, null, null);
    }

    public static SelectionSpec weighted(Map<String, Double> weights) {
        return new SelectionSpec(WEIGHTED, weights, null, null, null, null, null);
    }

    public static SelectionSpec reward(String accuracyMetric, String metric, double target, double alpha, double beta) {
        return new SelectionSpec(REWARD, null, metric, target, alpha, beta, accuracyMetric);
    }

    /** The weight of an objective metric under the weighted rule: 0 when not given. */
    @JsonIgnore
    public double weight(String objectiveMetric) {
        return weights == null ? 0 : weights.getOrDefault(objectiveMetric, 0.0);
    }
}
