package io.paretune.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

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
public record TellRequest(String state, Map<String, Double> values, String reason) {

    public static TellRequest complete(Map<String, Double> values) {
        return new TellRequest(null, values, null);
    }

    public static TellRequest failed(String reason) {
        return new TellRequest("FAILED", null, reason);
    }
}
