package io.paretune.controller.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WriteRateLimiterTest {

    @Test
    void aBurstThenTheAveragePerCallerOnItsOwnClock() {
        AtomicLong now = new AtomicLong();
        WriteRateLimiter limiter = new WriteRateLimiter(2, 3, now::get);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice")).as("write %d of the burst", i).isTrue();
        }
        assertThat(limiter.tryAcquire("alice")).isFalse();
        assertThat(limiter.tryAcquire("bob")).as("another caller has its own bucket").isTrue();

        now.addAndGet(500_000_000L); // half a second at 2 a second: one write
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isFalse();

        now.addAndGet(60_000_000_000L); // a minute idle refills the burst, no more
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice")).isTrue();
        }
        assertThat(limiter.tryAcquire("alice")).isFalse();
    }

    @Test
    void zeroPerSecondIsNoLimit() {
        WriteRateLimiter limiter = new WriteRateLimiter(0, 1, () -> 0L);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire("alice")).isTrue();
        }
    }
}
