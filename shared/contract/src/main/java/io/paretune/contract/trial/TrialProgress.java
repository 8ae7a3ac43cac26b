package io.paretune.contract.trial;

import io.paretune.contract.messaging.Message;

import java.time.Instant;

/**
 * What a worker reports while it trains, on {@code paretune.trial-progress}: once when an attempt starts
 * ({@link Phase#STARTED}, epoch 0), after every epoch ({@link Phase#EPOCH}), and every few seconds in between
 * ({@link Phase#HEARTBEAT}, carrying the last finished epoch) so that the controller can tell a live trial from
 * an abandoned one. Epoch records are idempotent by ({@code trialId}, {@code attempt}, {@code epoch}).
 *
 * <pre>{@code
 * TrialProgress.started(job, attempt, workerId);
 * }</pre>
 *
 * @param attempt          delivery count of the job this attempt runs (1 for the first worker)
 * @param epoch            1-based epoch just finished; 0 for {@link Phase#STARTED}
 * @param samplesPerSecond training samples per second during that epoch
 */
public record TrialProgress(
        int schemaVersion,
        String campaignId,
        String trialId,
        int attempt,
        String workerId,
        Phase phase,
        int epoch,
        Double trainLoss,
        Double trainAccuracy,
        Double valLoss,
        Double valAccuracy,
        double epochSeconds,
        double samplesPerSecond,
        Instant at) implements Message {

    public enum Phase { STARTED, EPOCH, HEARTBEAT }

    public static TrialProgress started(TrialJob job, int attempt, String workerId) {
        return new TrialProgress(CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                Phase.STARTED, 0, null, null, null, null, 0, 0, Instant.now());
    }

    public static TrialProgress heartbeat(TrialJob job, int attempt, String workerId, int lastEpoch) {
        return new TrialProgress(CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                Phase.HEARTBEAT, lastEpoch, null, null, null, null, 0, 0, Instant.now());
    }
}
