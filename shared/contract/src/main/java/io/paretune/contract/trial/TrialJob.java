package io.paretune.contract.trial;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;

import io.paretune.contract.search.ParameterValues;

import java.time.Instant;
import java.util.Map;

/**
 * A trial to train, or one segment of it: published by the search-controller on {@code paretune.trial-jobs}, keyed
 * by {@code trialId}. A trial of a campaign with a pruner trains in segments that end where the pruner may stop it:
 * each segment resumes from the checkpoint the previous one left in the artifact store, on whichever worker takes
 * it. Other trials are one segment from epoch 0 to the last.
 *
 * <pre>{@code
 * new TrialJob(Message.CURRENT_SCHEMA_VERSION, campaignId, trialId, 3, "mlp",
 *         Map.of("units", 128, "learningRate", 1e-3), dataset, 5, 2, 42L, Instant.now());   // epochs 1..5
 * new TrialJob(..., 42L, Instant.now(), 1, 3, "c/t/checkpoint-epoch-1-attempt-1.zip", 1); // epochs 2..3
 * }</pre>
 *
 * @param trialNumber 0-based position of the trial in its campaign
 * @param modelFamily {@code mlp}
 * @param params      sampled values by parameter name (numbers, strings, booleans); absent ones take the family defaults
 * @param maxEpochs   upper bound on epochs, whatever {@code params.epochs} says
 * @param patience    early-stopping patience in epochs on validation loss; 0 disables it
 * @param seed        seed for weight initialisation and batch shuffling
 * @param startEpoch  epochs already trained: 0 for a fresh trial, else the epoch {@code resumeFrom} was saved at
 *                    (absent in older messages: 0)
 * @param stopEpoch   train up to this epoch, then stop: a pruner's decision step or the trial's last epoch; a job
 *                    that stops before the trial's last epoch ends with a checkpoint, not a model
 *                    (absent in older messages: {@code maxEpochs})
 * @param resumeFrom  checkpoint to resume from, relative to the artifact store root; null for a fresh trial
 * @param segment     0-based number of this segment of the trial (absent in older messages: 0)
 * @param attempt     which attempt at the segment this job is: 1, or one more than the last attempt when the
 *                    controller dispatches the segment again because its worker went silent or released it
 *                    (absent in older messages: 1)
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
        Instant createdAt,
        Integer startEpoch,
        Integer stopEpoch,
        String resumeFrom,
        Integer segment,
        Integer attempt) implements Message {

    public TrialJob {
        params = ParameterValues.normalize(params);
        // Boxed so that messages without them still read (the codec refuses a missing primitive); never null here.
        startEpoch = startEpoch == null ? 0 : startEpoch;
        stopEpoch = stopEpoch == null ? maxEpochs : stopEpoch;
        segment = segment == null ? 0 : segment;
        attempt = attempt == null ? 1 : attempt;
    }

    /** The first dispatch of a segment. */
    public TrialJob(int schemaVersion, String campaignId, String trialId, int trialNumber, String modelFamily,
                    Map<String, Object> params, DatasetSpec dataset, int maxEpochs, int patience, long seed,
                    Instant createdAt, Integer startEpoch, Integer stopEpoch, String resumeFrom, Integer segment) {
        this(schemaVersion, campaignId, trialId, trialNumber, modelFamily, params, dataset, maxEpochs, patience, seed,
                createdAt, startEpoch, stopEpoch, resumeFrom, segment, 1);
    }

    /** A whole trial in one segment: epochs 1 to {@code maxEpochs} from fresh weights. */
    public TrialJob(int schemaVersion, String campaignId, String trialId, int trialNumber, String modelFamily,
                    Map<String, Object> params, DatasetSpec dataset, int maxEpochs, int patience, long seed,
                    Instant createdAt) {
        this(schemaVersion, campaignId, trialId, trialNumber, modelFamily, params, dataset, maxEpochs, patience, seed,
                createdAt, 0, maxEpochs, null, 0, 1);
    }

    /** Whether this segment continues from a checkpoint rather than from fresh weights. */
    public boolean resumes() {
        return resumeFrom != null;
    }
}
