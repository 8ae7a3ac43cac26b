package io.paretune.kafka.consume;

import java.time.Duration;

/**
 * Pauses that double with each failure in a row, from {@code first} up to {@code max}: how long a loop waits before
 * it connects again after its consumer failed, or before it tries a record again whose handling failed.
 *
 * <pre>{@code
 * Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
 * backoff.delay(1); // 500 ms
 * backoff.delay(4); // 4 s
 * backoff.delay(9); // 30 s
 * }</pre>
 */
public record Backoff(Duration first, Duration max) {

    /** From half a second, doubling, up to 30 s: quick after a blip, and no spinning on a broker that is down. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff from " + first + " up to " + max);
        }
    }

    /** The same pause after every failure. */
    public static Backoff constant(Duration pause) {
        return new Backoff(pause, pause);
    }

    /** The pause after the {@code failures}-th failure in a row (1 for the first). */
    public Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = first.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
