package io.paretune.contract.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A metric to optimize: {@code {"metric": "val_accuracy", "direction": "maximize"}}. A campaign's first objective
 * is its primary one.
 */
@Schema(additionalProperties = Schema.False.class)
public record Objective(
        @Schema(required = true, pattern = CampaignSpecParser.USER_NAME_PATTERN, description = "A metric the "
                + "evaluator reports (val_accuracy, latency_ms_p50, ...) or, for external campaigns, a name of yours")
        String metric,
        @Schema(description = "Required for external campaigns; for pipeline ones the metric's natural direction "
                + "by default")
        Direction direction) {
}
