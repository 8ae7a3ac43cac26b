package io.paretune.controller.trial;

/**
 * CDI event, fired in the transaction that queued the next segment of a trial (WAITING, not yet dispatched) after
 * the pruner let it go on: the reconcile loop publishes its job.
 */
public record SegmentQueued(String campaignId, String trialId, int segment) {
}
