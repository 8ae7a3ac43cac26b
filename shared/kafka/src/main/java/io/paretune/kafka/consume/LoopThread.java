package io.paretune.kafka.consume;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread of a loop that runs until it is stopped: the loop asks {@link #running()} each time round and waits
 * with {@link #pause}, which {@link #stop} cuts short; {@code stop} also wakes up whatever the loop blocks on (a
 * consumer's poll) and waits a while for the thread to end.
 *
 * <pre>{@code
 * LoopThread thread = new LoopThread("trial-job-consumer", false, this::run);
 * thread.start();
 * // in run(): while (thread.running()) { ...; thread.pause(Duration.ofSeconds(1)); }
 * thread.stop(consumer::wakeup, Duration.ofSeconds(30));
 * }</pre>
 */
public final class LoopThread {

    private final String name;
    private final boolean daemon;
    private final Runnable body;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param daemon whether the JVM may exit while the loop still runs (a loop whose work is redone elsewhere when
     *               cut off); a non-daemon loop gets to finish what it does at shutdown
     */
    public LoopThread(String name, boolean daemon, Runnable body) {
        this.name = name;
        this.daemon = daemon;
        this.body = body;
    }

    /** Starts the loop, unless it runs already. */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        stopped = new CountDownLatch(1);
        running = true;
        thread = new Thread(body, name);
        thread.setDaemon(daemon);
        thread.start();
    }

    /** False once {@link #stop} was called. */
    public boolean running() {
        return running;
    }

    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /**
     * Waits {@code duration}, or less when the loop is stopped meanwhile (an interrupt counts as a stop).
     *
     * @return false when the loop is stopping
     */
    public boolean pause(Duration duration) {
        try {
            return !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /**
     * Tells the loop to stop, runs {@code wakeUp} (which should unblock the loop, e.g. a consumer's {@code wakeup}),
     * and waits up to {@code wait} for the thread to end.
     */
    public void stop(Runnable wakeUp, Duration wait) {
        Thread t;
        synchronized (this) {
            running = false;
            stopped.countDown();
            t = thread;
        }
        wakeUp.run();
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
