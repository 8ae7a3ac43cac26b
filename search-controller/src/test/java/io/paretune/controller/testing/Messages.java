package io.paretune.controller.testing;

import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;

import java.time.Instant;
import java.util.Map;

/** Worker and evaluator messages about one trial, for tests that tell the controller directly. */
public record Messages(String campaignId, String trialId) {

    public TrialProgress progress(TrialProgress.Phase phase, int attempt, String worker, int epoch, Double valAccuracy) {
        return new TrialProgress(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, worker, phase, epoch,
                valAccuracy == null ? null : 0.5, valAccuracy == null ? null : valAccuracy + 0.01,
                valAccuracy == null ? null : 0.6, valAccuracy, 1.0, 5000.0, Instant.now());
    }

    public TrialProgress started(int attempt, String worker) {
        return progress(TrialProgress.Phase.STARTED, attempt, worker, 0, null);
    }

    public TrialProgress epoch(int attempt, String worker, int epoch, double valAccuracy) {
        return progress(TrialProgress.Phase.EPOCH, attempt, worker, epoch, valAccuracy);
    }

    public TrialResult trained(int attempt, String worker, String artifact) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, worker,
                TrialResult.Outcome.TRAINED, null, artifact, "mlp", Map.of(), null, 1L, 2, 2, false, 4.5, 0.4, 0.8,
                1000, "CpuBackend", Instant.now());
    }

    public TrialResult failed(int attempt, String worker, String reason) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, worker,
                TrialResult.Outcome.FAILED, reason, null, "mlp", Map.of(), null, 1L, 0, 0, false, 0.5, null, null,
                0, "CpuBackend", Instant.now());
    }

    public TrialScore scored(Map<String, Double> metrics) {
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "evaluator",
                TrialScore.Outcome.SCORED, null, metrics, "test hardware", Instant.now());
    }

    public TrialScore scored(double valAccuracy) {
        return scored(Map.of("val_accuracy", valAccuracy, "latency_ms_p50", 0.25));
    }

    public TrialScore scoreFailed(String reason) {
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "evaluator",
                TrialScore.Outcome.FAILED, reason, Map.of(), "test hardware", Instant.now());
    }
}
