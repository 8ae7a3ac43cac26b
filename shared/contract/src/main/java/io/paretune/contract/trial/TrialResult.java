package io.paretune.contract.trial;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;

import io.paretune.contract.search.ParameterValues;

import java.time.Instant;
import java.util.Map;

/**
 * The end of a training attempt, on {@code paretune.trial-results}: the model artifact and its training figures,
 * or the reason it failed. The evaluator scores {@link Outcome#TRAINED} results; the controller keeps the first
 * result per trial and ignores duplicates.
 *
 * <pre>{@code
 * if (result.outcome() == TrialResult.Outcome.TRAINED) artifacts.resolve(result.artifactPath());
 * }</pre>
 *
 * @param artifactPath   model file relative to the artifact store root; null when failed
 * @param bestEpoch      epoch whose weights were kept (best validation loss)
 * @param stoppedEarly   true when early stopping ended training before {@code maxEpochs}
 * @param paramCount     number of trainable parameters
 * @param backend        ND4J backend and environment the worker trained on
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
        Instant finishedAt) implements Message {

    public enum Outcome { TRAINED, FAILED }

    public TrialResult {
        params = ParameterValues.normalize(params);
    }
}
