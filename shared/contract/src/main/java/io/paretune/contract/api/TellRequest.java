package io.paretune.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * {@code POST /api/v1/campaigns/{id}/trials/{trialId}/tell}: how a trial ended. {@code {"values": {...}}} completes
 * it (a value for every objective and constrained metric); {@code {"state": "FAILED", "reason": "..."}} fails it;
 * {@code {"state": "PRUNED"}} prunes it by the caller's own rule.
 *
 * @param state  {@code COMPLETE} (the default when absent), {@code FAILED} (or {@code FAIL}) or {@code PRUNED}
 * @param values only with {@code COMPLETE}
 * @param reason only with {@code FAILED} or {@code PRUNED}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class)
public record TellRequest(
        @Schema(enumeration = {"COMPLETE", "FAILED", "FAIL", "PRUNED"}, defaultValue = "COMPLETE")
        String state,
        @Schema(description = "By metric name, finite numbers: every objective and constrained metric, and any "
                + "others to keep")
        Map<String, Double> values,
        String reason) {

    public static TellRequest complete(Map<String, Double> values) {
        return new TellRequest(null, values, null);
    }

    public static TellRequest failed(String reason) {
        return new TellRequest("FAILED", null, reason);
    }
}
