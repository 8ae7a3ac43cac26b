package io.paretune.kafka.consume;

import java.time.Instant;

/**
 * Where a {@link ConsumerLoop} is, for health checks and status endpoints.
 *
 * <pre>{@code
 * LoopStatus status = loop.status();
 * boolean polling = status.state() == LoopStatus.State.POLLING;
 * }</pre>
 *
 * @param lastProgress when the loop last went round: a poll returned, a record was handled, or a pause before a
 *                     retry ended (the start, before any of these)
 * @param lastError    the last failure of a record or of the consumer, until the next poll succeeds; null if none
 */
public record LoopStatus(State state, boolean threadAlive, Instant lastProgress, String lastError) {

    public enum State {
        /** Not started, or stopped. */
        STOPPED,
        /** Preparing the broker, creating the consumer, joining. */
        STARTING,
        /** Polling, or handling what a poll returned. */
        POLLING,
        /** Pausing before a record whose handling failed is tried again. */
        RETRYING,
        /** Pausing before a new consumer is created, after the last one failed. */
        RECONNECTING
    }
}
