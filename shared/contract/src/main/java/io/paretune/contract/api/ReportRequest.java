package io.paretune.contract.api;

import java.util.Map;

/**
 * {@code POST /api/v1/campaigns/{id}/trials/{trialId}/report}: {@code {"step": 3, "values": {"loss": 0.41}}}, the
 * primary objective's value at a step (required) and any other values.
 *
 * @param step an integer &gt;= 0: an epoch, an iteration, a budget spent
 */
public record ReportRequest(int step, Map<String, Double> values) {
}
