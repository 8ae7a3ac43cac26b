package io.paretune.worker.training;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingPulseTest {

    @Test
    void aBlockedTrainerHasNotMovedAndABeatCountsAsMovement() throws Exception {
        TrainingPulse pulse = new TrainingPulse();
        CountDownLatch attached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread trainer = new Thread(() -> {
            pulse.attachTrainerThread();
            attached.countDown();
            try {
                release.await(); // hung: blocked, burning no CPU
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        trainer.start();
        try {
            assertThat(attached.await(10, TimeUnit.SECONDS)).isTrue();
            TrainingPulse.Mark mark = pulse.mark();
            Thread.sleep(200);
            assertThat(pulse.movedSince(mark)).isFalse();

            pulse.beat();
            assertThat(pulse.movedSince(mark)).isTrue();
        } finally {
            release.countDown();
            trainer.join();
        }
    }

    @Test
    void aTrainerBurningCpuHasMoved() throws Exception {
        TrainingPulse pulse = new TrainingPulse();
        CountDownLatch attached = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread trainer = new Thread(() -> {
            pulse.attachTrainerThread();
            attached.countDown();
            double x = 0;
            while (!stop.get()) {
                x += Math.sqrt(x + 1); // one long minibatch: busy, no beats
            }
            if (x < 0) {
                System.out.println(x);
            }
        });
        trainer.start();
        try {
            assertThat(attached.await(10, TimeUnit.SECONDS)).isTrue();
            TrainingPulse.Mark mark = pulse.mark();
            Thread.sleep(1000);
            assertThat(pulse.movedSince(mark)).isTrue();
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
