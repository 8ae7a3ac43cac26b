package io.paretune.kafka.consume;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoopThreadTest {

    @Test
    void stopCutsAPauseShortWakesTheLoopAndWaitsForItsEnd() {
        CompletableFuture<Boolean> pauseOutcome = new CompletableFuture<>();
        AtomicBoolean woken = new AtomicBoolean();
        LoopThread[] holder = new LoopThread[1];
        LoopThread thread = new LoopThread("test-loop", true,
                () -> pauseOutcome.complete(holder[0].pause(Duration.ofMinutes(10))));
        holder[0] = thread;

        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(thread::alive);
        long stopped = System.nanoTime();
        thread.stop(() -> woken.set(true), Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(10));
        assertThat(pauseOutcome).isCompletedWithValue(false);
        assertThat(woken).isTrue();
        assertThat(thread.running()).isFalse();
        assertThat(thread.alive()).isFalse();
    }
}
