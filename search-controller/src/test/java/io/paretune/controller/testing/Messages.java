package io.paretune.controller.testing;

import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.ArtifactPaths;
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

    /** Progress of a later segment of the trial. */
    public TrialProgress progress(int segment, TrialProgress.Phase phase, int attempt, String worker, int epoch,
                                  Double valAccuracy) {
        TrialProgress p = progress(phase, attempt, worker, epoch, valAccuracy);
        return new TrialProgress(p.schemaVersion(), campaignId, trialId, attempt, worker, phase, epoch, p.trainLoss(),
                p.trainAccuracy(), p.valLoss(), p.valAccuracy(), p.epochSeconds(), p.samplesPerSecond(), p.at(), segment);
    }

    /** A segment that ended with a checkpoint after {@code epoch}, validation accuracy {@code valAccuracy} there. */
    public TrialResult checkpointed(int segment, int attempt, String worker, int epoch, double valAccuracy) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, worker,
                TrialResult.Outcome.CHECKPOINTED, null, null, "mlp", Map.of(), null, 1L, epoch, epoch, false,
                1.5 * epoch, 0.5, valAccuracy, 1000, "CpuBackend", Instant.now(), segment,
                ArtifactPaths.checkpoint(campaignId, trialId, epoch, attempt), 0.5,
                valAccuracy);
    }

    /** The final segment's model. */
    public TrialResult trained(int segment, int attempt, String worker, int epochs, String artifact) {
        TrialResult r = trained(attempt, worker, artifact);
        return new TrialResult(r.schemaVersion(), campaignId, trialId, attempt, worker, r.outcome(), null, artifact,
                r.modelFamily(), r.params(), r.dataset(), r.seed(), epochs, epochs, false, r.trainSeconds(),
                r.bestValLoss(), r.valAccuracy(), r.paramCount(), r.backend(), r.finishedAt(), segment, null, null, null);
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

    /** The model of segment 0 at the path a worker derives for it. */
    public TrialResult trained(int attempt, String worker) {
        return trained(attempt, worker, ArtifactPaths.model(campaignId, trialId, 0, attempt));
    }

    /** {@code r} claiming other paths: what a forged result looks like. */
    public static TrialResult withPaths(TrialResult r, String artifactPath, String checkpointPath) {
        return new TrialResult(r.schemaVersion(), r.campaignId(), r.trialId(), r.attempt(), r.workerId(), r.outcome(),
                r.failureReason(), artifactPath, r.modelFamily(), r.params(), r.dataset(), r.seed(), r.epochsTrained(),
                r.bestEpoch(), r.stoppedEarly(), r.trainSeconds(), r.bestValLoss(), r.valAccuracy(), r.paramCount(),
                r.backend(), r.finishedAt(), r.segment(), checkpointPath, r.lastValLoss(), r.lastValAccuracy(),
                r.uncompressedValAccuracy(), r.prunedAfterEpoch());
    }

    public TrialResult failed(int attempt, String worker, String reason) {
        return new TrialResult(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, worker,
                TrialResult.Outcome.FAILED, reason, null, "mlp", Map.of(), null, 1L, 0, 0, false, 0.5, null, null,
                0, "CpuBackend", Instant.now());
    }

    public TrialScore scored(Map<String, Double> metrics) {
        return scored(1, metrics);
    }

    /** The score of the model attempt {@code attempt} trained. */
    public TrialScore scored(int attempt, Map<String, Double> metrics) {
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, attempt, "evaluator",
                TrialScore.Outcome.SCORED, null, metrics, "test hardware", Instant.now());
    }

    public TrialScore scored(double valAccuracy) {
        return scored(1, valAccuracy);
    }

    public TrialScore scored(int attempt, double valAccuracy) {
        return scored(attempt, Map.of("val_accuracy", valAccuracy, "latency_ms_p50", 0.25));
    }

    public TrialScore scoreFailed(String reason) {
        return new TrialScore(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 1, "evaluator",
                TrialScore.Outcome.FAILED, reason, Map.of(), "test hardware", Instant.now());
    }
}
