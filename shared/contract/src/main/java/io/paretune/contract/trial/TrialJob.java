package io.paretune.contract.trial;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;

import io.paretune.contract.search.ParameterValues;

import java.time.Instant;
import java.util.Map;

/**
 * A trial to train: published by the search-controller on {@code paretune.trial-jobs}, keyed by {@code trialId}.
 *
 * <pre>{@code
 * new TrialJob(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 3, "mlp",
 *         Map.of("units", 128, "learningRate", 1e-3), dataset, 5, 2, 42L, Instant.now());
 * }</pre>
 *
 * @param trialNumber 0-based position of the trial in its campaign
 * @param modelFamily {@code mlp}
 * @param params      sampled values by parameter name (numbers, strings, booleans); absent ones take the family defaults
 * @param maxEpochs   upper bound on epochs, whatever {@code params.epochs} says
 * @param patience    early-stopping patience in epochs on validation loss; 0 disables it
 * @param seed        seed for weight initialisation and batch shuffling
 */
public record TrialJob(
        int schemaVersion,
        String campaignId,
        String trialId,
        int trialNumber,
        String modelFamily,
        Map<String, Object> params,
        DatasetSpec dataset,
        int maxEpochs,
        int patience,
        long seed,
        Instant createdAt) implements Message {

    public TrialJob {
        params = ParameterValues.normalize(params);
    }
}
