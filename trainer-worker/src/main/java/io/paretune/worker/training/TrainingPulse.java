package io.paretune.worker.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * Signs of life of one training attempt, read by the consumer thread before it renews the job's lock: a trainer
 * that stopped moving must lose its job to another worker. Moving means a forward or backward pass happened, or
 * the training thread burnt CPU (one minibatch of a very large network can outlast a renewal period; a deadlocked
 * or blocked trainer burns none). Also carries the request to stop.
 *
 * <pre>{@code
 * TrainingPulse.Mark mark = pulse.mark();
 * // ... later, on another thread
 * if (pulse.movedSince(mark)) renew();
 * }</pre>
 */
public final class TrainingPulse {

    /** CPU time that counts as movement: more than scheduling noise. */
    static final long MIN_CPU_NANOS = 50_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongUnaryOperator threadCpuNanos;
    private final AtomicLong beats = new AtomicLong();
    private volatile int lastEpoch;
    private volatile long trainerThreadId = -1;
    private volatile boolean cancelled;

    /** Reads the trainer thread's CPU time from the JVM. */
    public TrainingPulse() {
        this(TrainingPulse::jvmThreadCpuNanos);
    }

    /** @param threadCpuNanos a thread's CPU time by thread id, in nanoseconds; negative when it cannot be read */
    TrainingPulse(LongUnaryOperator threadCpuNanos) {
        this.threadCpuNanos = threadCpuNanos;
    }

    /** A point to compare later progress with. */
    public record Mark(long beats, long cpuNanos) {
    }

    /** Called by the training thread when it starts. */
    public void attachTrainerThread() {
        trainerThreadId = Thread.currentThread().getId();
    }

    public void beat() {
        beats.incrementAndGet();
    }

    public void epochFinished(int epoch) {
        lastEpoch = epoch;
        beat();
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    public long beats() {
        return beats.get();
    }

    public Mark mark() {
        return new Mark(beats.get(), trainerCpuNanos());
    }

    public boolean movedSince(Mark mark) {
        if (beats.get() != mark.beats()) {
            return true;
        }
        long cpu = trainerCpuNanos();
        return cpu >= 0 && mark.cpuNanos() >= 0 && cpu - mark.cpuNanos() >= MIN_CPU_NANOS;
    }

    /** Asks the trainer to stop at the next minibatch. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    private long trainerCpuNanos() {
        long id = trainerThreadId;
        return id < 0 ? -1 : threadCpuNanos.applyAsLong(id);
    }

    private static long jvmThreadCpuNanos(long threadId) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        try {
            return THREADS.getThreadCpuTime(threadId);
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
