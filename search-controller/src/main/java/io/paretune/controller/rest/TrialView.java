package io.paretune.controller.rest;

import io.paretune.contract.trial.TrialState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One element of {@code GET /api/v1/campaigns/{id}/trials}; {@code history} holds the epochs of its latest attempt,
 * {@code intermediate} the primary objective by step as pruners see it (per epoch for pipeline trials, per report
 * for external ones; empty when none), {@code feasible} whether a COMPLETE trial meets every constraint (null before
 * it completes, or when the campaign has no constraints).
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
        Instant finishedAt) {

    public record EpochView(int epoch, Double trainLoss, Double trainAccuracy, Double valLoss, Double valAccuracy,
                            double epochSeconds, double samplesPerSecond, String workerId, Instant recordedAt) {
    }
}
