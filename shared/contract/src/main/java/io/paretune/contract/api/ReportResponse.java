package io.paretune.contract.api;

/** The answer to a report: whether to stop evaluating the trial (it is then PRUNED and needs no tell). */
public record ReportResponse(boolean prune) {
}
