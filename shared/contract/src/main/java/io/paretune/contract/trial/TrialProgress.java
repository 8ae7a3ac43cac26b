package io.paretune.contract.trial;

import io.paretune.contract.messaging.Message;

import java.time.Instant;

/**
 * What a worker reports while it trains, on {@code paretune.trial-progress}: once when an attempt starts
 * ({@link Phase#STARTED}, epoch 0), after every epoch ({@link Phase#EPOCH}), and every few seconds in between
 * ({@link Phase#HEARTBEAT}, carrying the last finished epoch) so that the controller can tell a live trial from
 * an abandoned one, and {@link Phase#RELEASED} when the worker stops before the job is done (it is shutting down),
 * so that the controller queues the job again at once instead of waiting for it to go silent. Epoch records are idempotent by ({@code trialId}, {@code segment}, {@code attempt}, {@code epoch}).
 *
 * <pre>{@code
 * TrialProgress.started(job, attempt, workerId);
 * }</pre>
 *
 * @param attempt          the job's {@link TrialJob#attempt()}: 1 for the first dispatch of a segment
 * @param epoch            1-based epoch of the whole trial just finished (segments continue the count); for
 *                         {@link Phase#STARTED} the epoch the segment starts from (0 for a fresh trial)
 * @param segment          the {@link TrialJob#segment()} being trained (absent in older messages: 0)
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
        Instant at,
        Integer segment) implements Message {

    public enum Phase { STARTED, EPOCH, HEARTBEAT, RELEASED }

    public TrialProgress {
        segment = segment == null ? 0 : segment; // boxed only so that older messages without it still read
    }

    /** Progress of the first (or only) segment of a trial. */
    public TrialProgress(int schemaVersion, String campaignId, String trialId, int attempt, String workerId,
                         Phase phase, int epoch, Double trainLoss, Double trainAccuracy, Double valLoss,
                         Double valAccuracy, double epochSeconds, double samplesPerSecond, Instant at) {
        this(schemaVersion, campaignId, trialId, attempt, workerId, phase, epoch, trainLoss, trainAccuracy, valLoss,
                valAccuracy, epochSeconds, samplesPerSecond, at, 0);
    }

    public static TrialProgress started(TrialJob job, int attempt, String workerId) {
        return new TrialProgress(CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                Phase.STARTED, job.startEpoch(), null, null, null, null, 0, 0, Instant.now(), job.segment());
    }

    public static TrialProgress heartbeat(TrialJob job, int attempt, String workerId, int lastEpoch) {
        return new TrialProgress(CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                Phase.HEARTBEAT, lastEpoch, null, null, null, null, 0, 0, Instant.now(), job.segment());
    }

    public static TrialProgress released(TrialJob job, int attempt, String workerId, int lastEpoch) {
        return new TrialProgress(CURRENT_SCHEMA_VERSION, job.campaignId(), job.trialId(), attempt, workerId,
                Phase.RELEASED, lastEpoch, null, null, null, null, 0, 0, Instant.now(), job.segment());
    }
}
