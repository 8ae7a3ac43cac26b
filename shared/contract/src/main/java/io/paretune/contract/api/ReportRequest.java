package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * {@code POST /api/v1/campaigns/{id}/trials/{trialId}/report}: {@code {"step": 3, "values": {"loss": 0.41}}}, the
 * primary objective's value at a step (required) and any other values.
 *
 * @param step an integer &gt;= 0: an epoch, an iteration, a budget spent
 */
@Schema(additionalProperties = Schema.False.class)
public record ReportRequest(
        @Schema(required = true, minimum = "0")
        int step,
        @Schema(required = true, description = "By metric name: the primary objective's value (required) and any "
                + "others; finite numbers only", minProperties = 1)
        Map<String, Double> values) {
}
