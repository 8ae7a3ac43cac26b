package io.paretune.contract.trial;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;

import io.paretune.contract.search.ParameterValues;

import java.time.Instant;
import java.util.Map;

/**
 * The end of a training attempt, on {@code paretune.trial-results}: the model artifact and its training figures,
 * a checkpoint (one segment of a trial done, more to come), or the reason it failed. The evaluator scores
 * {@link Outcome#TRAINED} results only; the controller keeps the first result per (trial, segment) and ignores
 * duplicates.
 *
 * <pre>{@code
 * switch (result.outcome()) {
 *     case TRAINED -> artifacts.resolve(result.artifactPath());     // the final model, to score
 *     case CHECKPOINTED -> pruner.decide(result.epochsTrained());   // resume from result.checkpointPath(), or stop
 *     case FAILED -> fail(result.failureReason());
 * }
 * }</pre>
 *
 * @param artifactPath     final model file relative to the artifact store root; null unless TRAINED
 * @param epochsTrained    epochs of the whole trial trained so far (segments continue the count)
 * @param bestEpoch        epoch whose weights were kept (best validation loss)
 * @param stoppedEarly     true when early stopping ended training before {@code maxEpochs}
 * @param trainSeconds     training time of the whole trial so far, all segments together
 * @param paramCount       number of trainable parameters
 * @param backend          ND4J backend and environment the worker trained on
 * @param segment          the {@link TrialJob#segment()} this attempt trained (absent in older messages: 0)
 * @param checkpointPath   when CHECKPOINTED: the checkpoint to resume from, relative to the artifact store root
 * @param lastValLoss      validation loss after epoch {@code epochsTrained} (not the best one): what a pruner
 *                         compares at that step; null without validation images
 * @param lastValAccuracy  validation accuracy after epoch {@code epochsTrained}
 * @param uncompressedValAccuracy validation accuracy of the model before it was compressed (pruned, then
 *                         quantized): what {@code accuracy_drop} is measured against; null when there is no
 *                         uncompressed model to compare with or no validation images
 * @param prunedAfterEpoch the epoch after which one-shot pruning (magnitude or structured) was applied, the
 *                         epochs after it being fine-tuning; null when the trial was not pruned that way
 */
public record TrialResult(
        int schemaVersion,
        String campaignId,
        String trialId,
        int attempt,
        String workerId,
        Outcome outcome,
        String failureReason,
        String artifactPath,
        String modelFamily,
        Map<String, Object> params,
        DatasetSpec dataset,
        long seed,
        int epochsTrained,
        int bestEpoch,
        boolean stoppedEarly,
        double trainSeconds,
        Double bestValLoss,
        Double valAccuracy,
        long paramCount,
        String backend,
        Instant finishedAt,
        Integer segment,
        String checkpointPath,
        Double lastValLoss,
        Double lastValAccuracy,
        Double uncompressedValAccuracy,
        Integer prunedAfterEpoch) implements Message {

    public enum Outcome {
        /** The final model is in the artifact store, ready to be scored. */
        TRAINED,
        /** A segment ended at its stop epoch and left a checkpoint; the trial is not finished. */
        CHECKPOINTED,
        FAILED
    }

    public TrialResult {
        params = ParameterValues.normalize(params);
        segment = segment == null ? 0 : segment; // boxed only so that older messages without it still read
    }

    /** A result without compression figures: an uncompressed model, a checkpoint or a failure. */
    public TrialResult(int schemaVersion, String campaignId, String trialId, int attempt, String workerId,
                       Outcome outcome, String failureReason, String artifactPath, String modelFamily,
                       Map<String, Object> params, DatasetSpec dataset, long seed, int epochsTrained, int bestEpoch,
                       boolean stoppedEarly, double trainSeconds, Double bestValLoss, Double valAccuracy,
                       long paramCount, String backend, Instant finishedAt, Integer segment, String checkpointPath,
                       Double lastValLoss, Double lastValAccuracy) {
        this(schemaVersion, campaignId, trialId, attempt, workerId, outcome, failureReason, artifactPath, modelFamily,
                params, dataset, seed, epochsTrained, bestEpoch, stoppedEarly, trainSeconds, bestValLoss, valAccuracy,
                paramCount, backend, finishedAt, segment, checkpointPath, lastValLoss, lastValAccuracy, null, null);
    }

    /** A result of the first (or only) segment of a trial, without checkpoint or last-epoch figures. */
    public TrialResult(int schemaVersion, String campaignId, String trialId, int attempt, String workerId,
                       Outcome outcome, String failureReason, String artifactPath, String modelFamily,
                       Map<String, Object> params, DatasetSpec dataset, long seed, int epochsTrained, int bestEpoch,
                       boolean stoppedEarly, double trainSeconds, Double bestValLoss, Double valAccuracy,
                       long paramCount, String backend, Instant finishedAt) {
        this(schemaVersion, campaignId, trialId, attempt, workerId, outcome, failureReason, artifactPath, modelFamily,
                params, dataset, seed, epochsTrained, bestEpoch, stoppedEarly, trainSeconds, bestValLoss, valAccuracy,
                paramCount, backend, finishedAt, 0, null, null, null, null, null);
    }
}
