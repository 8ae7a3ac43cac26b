package io.paretune.worker.training;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TrainingPulseTest {

    /** A trainer thread's CPU time as the test sets it. */
    private final AtomicLong cpuNanos = new AtomicLong();

    @Test
    void aTrainerThatNeitherBeatsNorUsesCpuHasNotMoved() {
        TrainingPulse pulse = new TrainingPulse(thread -> cpuNanos.get());
        pulse.attachTrainerThread();
        TrainingPulse.Mark mark = pulse.mark();

        cpuNanos.addAndGet(TrainingPulse.MIN_CPU_NANOS - 1); // scheduling noise, not work
        assertThat(pulse.movedSince(mark)).isFalse();

        pulse.beat();
        assertThat(pulse.movedSince(mark)).as("a forward or backward pass").isTrue();
    }

    @Test
    void cpuTimeWithoutBeatsCountsAsMovement() {
        TrainingPulse pulse = new TrainingPulse(thread -> cpuNanos.get());
        pulse.attachTrainerThread();
        TrainingPulse.Mark mark = pulse.mark();

        cpuNanos.addAndGet(TrainingPulse.MIN_CPU_NANOS); // one long minibatch: busy, no beats
        assertThat(pulse.movedSince(mark)).isTrue();
    }

    @Test
    void cpuTimeThatCannotBeReadIsNoMovement() {
        TrainingPulse pulse = new TrainingPulse(thread -> -1);
        pulse.attachTrainerThread();
        assertThat(pulse.movedSince(pulse.mark())).isFalse();
        TrainingPulse beforeAttaching = new TrainingPulse(thread -> cpuNanos.addAndGet(TrainingPulse.MIN_CPU_NANOS));
        assertThat(beforeAttaching.movedSince(beforeAttaching.mark())).as("no trainer thread yet").isFalse();
    }

    /** The JVM's reading of a real busy thread: seen as moving once it has burnt enough CPU, however long that takes. */
    @Test
    void aRealTrainerBurningCpuIsSeenMoving() throws Exception {
        TrainingPulse pulse = new TrainingPulse();
        CountDownLatch attached = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread trainer = new Thread(() -> {
            pulse.attachTrainerThread();
            attached.countDown();
            double x = 0;
            while (!stop.get()) {
                x += Math.sqrt(x + 1);
            }
            if (x < 0) {
                System.out.println(x);
            }
        });
        trainer.start();
        try {
            assertThat(attached.await(10, TimeUnit.SECONDS)).isTrue();
            TrainingPulse.Mark mark = pulse.mark();
            await().atMost(Duration.ofSeconds(30)).until(() -> pulse.movedSince(mark));
        } finally {
            stop.set(true);
            trainer.join();
        }
    }

    @Test
    void epochsAreRememberedAndCancellationSticks() {
        TrainingPulse pulse = new TrainingPulse();
        pulse.epochFinished(3);
        pulse.cancel();
        assertThat(pulse.lastEpoch()).isEqualTo(3);
        assertThat(pulse.cancelled()).isTrue();
    }
}
