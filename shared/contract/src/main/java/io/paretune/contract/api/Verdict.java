package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * A campaign's verdict: the trial its selection rule names, and one sentence that puts it beside the best trial on
 * the primary objective, such as "Trial 14: 0.4 points below the most accurate (trial 9), 11x fewer non-zero
 * weights, 3.2x faster at batch 1". When the rule can name no trial (the constraints rule while no trial meets the
 * constraints), the trial fields are null and the sentence says why.
 *
 * @param rule     the campaign's selection rule (primary, constraints, knee, weighted, reward)
 * @param trialId  the chosen trial; null when the rule names none
 * @param sentence the numbers behind the choice, or why there is no choice
 * @param metrics  the chosen trial's metrics; null when the rule names none
 */
@Schema(description = "The trial the campaign's selection rule names, and one sentence with the numbers against the "
        + "best trial on the primary objective; trialId, number and metrics are null when the rule names none (the "
        + "sentence says why)", requiredProperties = {"rule", "sentence"})
public record Verdict(
        @Schema(enumeration = {"primary", "constraints", "knee", "weighted", "reward"})
        String rule,
        @Schema(nullable = true) String trialId,
        @Schema(nullable = true) Integer number,
        String sentence,
        @Schema(nullable = true) Map<String, Double> metrics) {
}
