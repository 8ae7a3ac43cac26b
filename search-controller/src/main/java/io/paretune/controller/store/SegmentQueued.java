package io.paretune.controller.store;

/**
 * CDI event, fired in the transaction that queued a trial's job (WAITING, not yet dispatched): its next segment,
 * after the pruner let it go on, or its current segment again, after an attempt was abandoned or released. The
 * reconcile loop publishes the job.
 */
public record SegmentQueued(String campaignId, String trialId, int segment) {
}
