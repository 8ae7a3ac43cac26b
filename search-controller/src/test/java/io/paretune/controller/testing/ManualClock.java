package io.paretune.controller.testing;

import io.paretune.controller.config.ControllerClock;
import io.quarkus.test.junit.QuarkusMock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's clock, stopped: it moves only when a test moves it, so that "silent for longer than the stale
 * limit" is something a test makes happen rather than waits for.
 */
public final class ManualClock extends ControllerClock {

    private final AtomicReference<Instant> now;

    private ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Stops the controller's clock at the current time until the end of the current test. */
    public static ManualClock install() {
        // Whole milliseconds: the database keeps microseconds, so a time read back equals the time written.
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        QuarkusMock.installMockForType(clock, ControllerClock.class);
        return clock;
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves the clock forward; returns the new time. */
    public Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by));
    }
}
