package io.paretune.contract.api;

import io.paretune.contract.trial.TrialState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One element of {@code GET /api/v1/campaigns/{id}/trials}; {@code history} holds the epochs of the latest attempt of
 * each of its segments, numbered over the whole trial, {@code intermediate} the primary objective by step as pruners
 * see it (per epoch for pipeline trials, per report for external ones; empty when none), {@code feasible} whether a
 * COMPLETE trial meets every constraint (null before it completes, or when the campaign has no constraints).
 *
 * @param attempt        which attempt at the current segment a worker last reported on: 1 for its first job, one
 *                       more each time the controller dispatched the segment again (its worker went silent or
 *                       released it); 0 until a worker starts it
 * @param segment        the trial's current segment (0-based; trials of campaigns without a pruner have one)
 * @param lastEpoch      epochs at full fidelity; null for external campaigns
 * @param checkpointPath the latest checkpoint, relative to the artifact store; kept when the trial is pruned
 */
public record TrialView(
        String id,
        String campaignId,
        int number,
        TrialState state,
        Map<String, Object> params,
        int attempt,
        String workerId,
        boolean dispatched,
        List<EpochView> history,
        SortedMap<Integer, Double> intermediate,
        Map<String, Double> metrics,
        Double primaryValue,
        Boolean feasible,
        String failureReason,
        String artifactPath,
        Integer epochsTrained,
        Double trainSeconds,
        String backend,
        String hardware,
        Instant createdAt,
        Instant dispatchedAt,
        Instant startedAt,
        Instant lastHeartbeatAt,
        Instant finishedAt,
        int segment,
        Integer lastEpoch,
        String checkpointPath) {

    /** One epoch, with the worker and segment that trained it. */
    public record EpochView(int epoch, Double trainLoss, Double trainAccuracy, Double valLoss, Double valAccuracy,
                            double epochSeconds, double samplesPerSecond, String workerId, int segment,
                            Instant recordedAt) {
    }
}
