package io.paretune.worker.messaging;

import java.time.Duration;

/** What the worker's consumer loops ({@link TrialJobConsumer}, {@link CampaignControlConsumer}) share about their threads. */
final class LoopThreads {

    /** Pause before a loop whose consumer failed builds a new one: long enough not to spin on a broker that is down. */
    static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(5);

    private LoopThreads() {
    }

    /** Sleeps, keeping the interrupt for the loop to see. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code timeout} for a stopped loop's thread to end (null: none was started). */
    static void join(Thread thread, Duration timeout) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
