package io.paretune.contract.api;

import io.paretune.contract.trial.TrialState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        @Schema(nullable = true) String workerId,
        boolean dispatched,
        List<EpochView> history,
        SortedMap<Integer, Double> intermediate,
        @Schema(nullable = true) Map<String, Double> metrics,
        @Schema(nullable = true) Double primaryValue,
        @Schema(nullable = true) Boolean feasible,
        @Schema(nullable = true) String failureReason,
        @Schema(nullable = true) String artifactPath,
        @Schema(nullable = true) Integer epochsTrained,
        @Schema(nullable = true) Double trainSeconds,
        @Schema(nullable = true) String backend,
        @Schema(nullable = true) String hardware,
        Instant createdAt,
        @Schema(nullable = true) Instant dispatchedAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant lastHeartbeatAt,
        @Schema(nullable = true) Instant finishedAt,
        int segment,
        @Schema(nullable = true) Integer lastEpoch,
        @Schema(nullable = true) String checkpointPath) {

    /** One epoch, with the worker and segment that trained it. */
    public record EpochView(int epoch, @Schema(nullable = true) Double trainLoss,
                            @Schema(nullable = true) Double trainAccuracy, @Schema(nullable = true) Double valLoss,
                            @Schema(nullable = true) Double valAccuracy, double epochSeconds, double samplesPerSecond,
                            @Schema(nullable = true) String workerId, int segment, Instant recordedAt) {
    }
}
