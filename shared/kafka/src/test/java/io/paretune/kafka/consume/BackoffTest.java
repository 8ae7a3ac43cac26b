package io.paretune.kafka.consume;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromTheFirstPauseAndNeverExceedsTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

        assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::delay).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(0)).as("before any failure, the first pause").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aConstantBackoffAlwaysPausesTheSame() {
        Backoff backoff = Backoff.constant(Duration.ofSeconds(5));

        assertThat(IntStream.of(1, 2, 10, 1000).mapToObj(backoff::delay)).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void refusesAMaximumBelowTheFirstPause() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
