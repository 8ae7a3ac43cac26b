package io.paretune.worker.training;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.trial.TrialJob;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Small trial jobs on slices of Fashion-MNIST, for tests. */
public final class TrialJobs {

    private TrialJobs() {
    }

    public static TrialJob job(Map<String, Object> params, int trainLimit, int maxEpochs, int patience) {
        return new TrialJob(Message.CURRENT_SCHEMA_VERSION, "campaign-test", "trial-" + UUID.randomUUID(), 0, "mlp",
                params, new DatasetSpec(DatasetSpec.FASHION_MNIST, 0.05, trainLimit, DatasetSpec.DEFAULT_SPLIT_SEED),
                maxEpochs, patience, 7L, Instant.now());
    }

    /**
     * A {@code cnn} trial on {@code trainLimit} training images, validated on 1 % of the training set (600 images:
     * a CNN's inference is slow on the CPU, and these tests check behaviour, not accuracy).
     */
    public static TrialJob cnn(Map<String, Object> params, int trainLimit, int maxEpochs, int patience) {
        return new TrialJob(Message.CURRENT_SCHEMA_VERSION, "campaign-test", "trial-" + UUID.randomUUID(), 0, "cnn",
                params, new DatasetSpec(DatasetSpec.FASHION_MNIST, 0.01, trainLimit, DatasetSpec.DEFAULT_SPLIT_SEED),
                maxEpochs, patience, 7L, Instant.now());
    }

    /** Segment {@code segment} of {@code trial}: epochs {@code startEpoch + 1} to {@code stopEpoch}. */
    public static TrialJob segment(TrialJob trial, int startEpoch, int stopEpoch, String resumeFrom, int segment) {
        return new TrialJob(trial.schemaVersion(), trial.campaignId(), trial.trialId(), trial.trialNumber(),
                trial.modelFamily(), trial.params(), trial.dataset(), trial.maxEpochs(), trial.patience(), trial.seed(),
                trial.createdAt(), startEpoch, stopEpoch, resumeFrom, segment);
    }

    /** The same job in another campaign. */
    public static TrialJob inCampaign(TrialJob job, String campaignId) {
        return new TrialJob(job.schemaVersion(), campaignId, job.trialId(), job.trialNumber(), job.modelFamily(),
                job.params(), job.dataset(), job.maxEpochs(), job.patience(), job.seed(), job.createdAt(),
                job.startEpoch(), job.stopEpoch(), job.resumeFrom(), job.segment(), job.attempt());
    }

    /** A small network that reaches well above chance on 2,000 images in one epoch. */
    public static TrialJob small(int maxEpochs) {
        return job(Map.of("hiddenLayers", 1, "units", 64, "batchSize", 64), 2000, maxEpochs, 0);
    }
}
