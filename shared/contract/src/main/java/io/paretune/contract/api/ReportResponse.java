package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a report: whether to stop evaluating the trial (it is then PRUNED and needs no tell). */
@Schema(requiredProperties = "prune")
public record ReportResponse(boolean prune) {
}
