package io.paretune.kafka.consume;

import io.paretune.kafka.deadletter.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A plain consumer's loop on its own (daemon) thread: connect, poll, hand each record to a {@link RecordHandler},
 * act on its {@link Verdict}, commit, and start over with a new consumer when the consumer fails. Written once for
 * every service; the service starts and stops it (on Quarkus's start-up and shutdown events) and reads its
 * {@link #status()} and {@link #live()} in its health checks.
 *
 * <p>Per record, in each partition's order: ack → done; dead letter → set aside on the dead-letter topic, then done;
 * retry (or an exception from the handler) → not done: the partition is rewound to the record, and after a pause
 * the next poll hands it over again, with the attempt count one higher. A dead letter the broker did not store is
 * a retry too. Under a {@link Subscription#group group} subscription the offsets of the records done are committed
 * after each poll's records, so a record is committed only once it was handled or set aside, never when shutdown cut
 * its retries short. Handling must therefore be idempotent: a crash replays what was not committed yet.
 *
 * <p>One {@link Backoff} paces both the reconnections (by consumer failures in a row) and the retries (by the
 * record's attempt). The loop is {@link #live()} while its thread runs, it polls or retries, and it went round
 * within {@code stuckAfter}: a handler that hangs, a consumer that cannot connect and a dead thread all show.
 *
 * <pre>{@code
 * ConsumerLoop loop = ConsumerLoop.builder("trial-results",
 *                 () -> clients.consumer(ConsumerSettings.inGroup(Topics.EVALUATORS_GROUP).withMaxPollRecords(1)),
 *                 Subscription.group(List.of(Topics.TRIAL_RESULTS)), handler)
 *         .beforeConnect(broker::ensureTopics)
 *         .deadLetters(deadLetters)
 *         .stuckAfter(Duration.ofMinutes(30))
 *         .build();
 * loop.start();
 * ...
 * loop.stop(Duration.ofSeconds(30));
 * }</pre>
 */
public final class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Supplier<? extends Consumer<byte[], byte[]>> consumers;
    private final Subscription subscription;
    private final RecordHandler handler;
    private final DeadLetterPublisher deadLetters;
    private final Runnable beforeConnect;
    private final Duration pollTimeout;
    private final Backoff backoff;
    private final Duration stuckAfter;
    private final LoopThread thread;
    /** Per partition, the record being retried and its attempts so far; only the loop's thread touches it. */
    private final Map<TopicPartition, Attempts> attempts = new HashMap<>();

    private volatile Consumer<byte[], byte[]> current;
    private volatile LoopStatus.State state = LoopStatus.State.STOPPED;
    private volatile Instant lastProgress;
    private volatile String lastError;

    private ConsumerLoop(Builder builder) {
        this.name = builder.name;
        this.consumers = builder.consumers;
        this.subscription = builder.subscription;
        this.handler = builder.handler;
        this.deadLetters = builder.deadLetters;
        this.beforeConnect = builder.beforeConnect;
        this.pollTimeout = builder.pollTimeout;
        this.backoff = builder.backoff;
        this.stuckAfter = builder.stuckAfter;
        this.thread = new LoopThread(name, true, this::run);
    }

    /**
     * @param name         the thread's name, and how the loop calls itself in the log
     * @param consumers    makes a new consumer at each (re)connection
     * @param subscription what it reads, and whether it commits
     */
    public static Builder builder(String name, Supplier<? extends Consumer<byte[], byte[]>> consumers,
                                  Subscription subscription, RecordHandler handler) {
        return new Builder(name, consumers, subscription, handler);
    }

    /** Starts the loop's thread, unless it runs already. */
    public synchronized void start() {
        if (thread.alive()) {
            return;
        }
        lastProgress = Instant.now();
        lastError = null;
        state = LoopStatus.State.STARTING;
        thread.start();
    }

    /**
     * Stops the loop: a poll or a pause ends at once, a record being handled is handled to its end (or to its
     * verdict), and its retries stop. Waits up to {@code wait} for the thread to end.
     */
    public void stop(Duration wait) {
        thread.stop(() -> {
            Consumer<byte[], byte[]> consumer = current;
            if (consumer != null) {
                consumer.wakeup();
            }
        }, wait);
    }

    public LoopStatus status() {
        return new LoopStatus(state, thread.alive(), lastProgress, lastError);
    }

    /**
     * True while the thread runs, polls or retries a record, and went round within {@code stuckAfter}; false when
     * stopped, starting, reconnecting, or stuck in one record's handling.
     */
    public boolean live() {
        LoopStatus status = status();
        Instant progress = status.lastProgress();
        return thread.running() && status.threadAlive()
                && (status.state() == LoopStatus.State.POLLING || status.state() == LoopStatus.State.RETRYING)
                && progress != null && progress.isAfter(Instant.now().minus(stuckAfter));
    }

    private void run() {
        int failures = 0;
        while (thread.running()) {
            state = LoopStatus.State.STARTING;
            Consumer<byte[], byte[]> consumer = null;
            try {
                beforeConnect.run();
                consumer = consumers.get();
                current = consumer;
                if (!thread.running()) {
                    break;
                }
                subscription.join(consumer);
                LOG.infof("%s: consuming %s", name, subscription);
                while (thread.running()) {
                    pollOnce(consumer);
                    failures = 0;
                }
            } catch (WakeupException e) {
                LOG.debugf("%s: woken up to stop", name);
            } catch (RuntimeException e) {
                if (thread.running()) {
                    failures++;
                    Duration pause = backoff.delay(failures);
                    failed(LoopStatus.State.RECONNECTING, e);
                    LOG.warnf("%s: %s; connecting again in %d ms", name, e, pause.toMillis());
                    LOG.debug("consumer failure", e);
                    thread.pause(pause);
                }
            } finally {
                current = null;
                close(consumer);
            }
        }
        state = LoopStatus.State.STOPPED;
        LOG.infof("%s: stopped", name);
    }

    private void pollOnce(Consumer<byte[], byte[]> consumer) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        progressed();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        int retryAttempt = 0;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!thread.running()) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                int attempt = attempt(partition, record.offset());
                if (!handle(record, attempt)) {
                    consumer.seek(partition, record.offset());
                    retryAttempt = Math.max(retryAttempt, attempt);
                    break;
                }
                attempts.remove(partition);
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                lastProgress = Instant.now();
            }
        }
        if (subscription.commits() && !done.isEmpty()) {
            consumer.commitSync(done);
        }
        handler.afterPoll(consumer);
        if (retryAttempt > 0 && thread.running()) {
            state = LoopStatus.State.RETRYING;
            if (thread.pause(backoff.delay(retryAttempt))) {
                lastProgress = Instant.now();
            }
        }
    }

    /** True when the record is done (handled or set aside); false when it is to be tried again. */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, int attempt) {
        Verdict verdict;
        try {
            verdict = Objects.requireNonNull(handler.handle(record, attempt), "verdict");
        } catch (RuntimeException e) {
            LOG.debugf(e, "%s: handler threw", name);
            verdict = Verdict.retry(e);
        }
        switch (verdict.kind()) {
            case ACK:
                return true;
            case DEAD_LETTER:
                try {
                    if (deadLetters == null) {
                        throw new IllegalStateException(name + " has no dead-letter publisher");
                    }
                    deadLetters.deadLetter(record, verdict.reason(), verdict.cause());
                    return true;
                } catch (RuntimeException e) {
                    failed(LoopStatus.State.POLLING, e);
                    LOG.errorf("%s: could not set %s aside (%s); trying it again in %d ms", name, where(record), e,
                            backoff.delay(attempt).toMillis());
                    return false;
                }
            default:
                failed(LoopStatus.State.POLLING, verdict.cause());
                LOG.warnf("%s: handling %s failed (attempt %d): %s; trying again in %d ms", name, where(record),
                        attempt, verdict.reason(), backoff.delay(attempt).toMillis());
                return false;
        }
    }

    private int attempt(TopicPartition partition, long offset) {
        Attempts previous = attempts.get(partition);
        int attempt = previous != null && previous.offset() == offset ? previous.count() + 1 : 1;
        attempts.put(partition, new Attempts(offset, attempt));
        return attempt;
    }

    private record Attempts(long offset, int count) {
    }

    private void progressed() {
        state = LoopStatus.State.POLLING;
        lastProgress = Instant.now();
        lastError = null;
    }

    private void failed(LoopStatus.State newState, Throwable cause) {
        state = newState;
        lastError = cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private void close(Consumer<byte[], byte[]> consumer) {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close(CLOSE_WAIT);
        } catch (RuntimeException e) {
            LOG.debugf("%s: closing the consumer: %s", name, e);
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** The loop's optional parts; each has a default. */
    public static final class Builder {
        private final String name;
        private final Supplier<? extends Consumer<byte[], byte[]>> consumers;
        private final Subscription subscription;
        private final RecordHandler handler;
        private DeadLetterPublisher deadLetters;
        private Runnable beforeConnect = () -> { };
        private Duration pollTimeout = Duration.ofSeconds(1);
        private Backoff backoff = Backoff.DEFAULT;
        private Duration stuckAfter = Duration.ofMinutes(2);

        private Builder(String name, Supplier<? extends Consumer<byte[], byte[]>> consumers, Subscription subscription,
                        RecordHandler handler) {
            this.name = name;
            this.consumers = consumers;
            this.subscription = subscription;
            this.handler = handler;
        }

        /** Where dead-letter verdicts go; without one, such a verdict fails and the record is tried again. */
        public Builder deadLetters(DeadLetterPublisher publisher) {
            this.deadLetters = publisher;
            return this;
        }

        /** Runs before each connection (e.g. creating topics); an exception counts as a consumer failure. */
        public Builder beforeConnect(Runnable step) {
            this.beforeConnect = step;
            return this;
        }

        /** How long one poll waits for records; also how soon a stop is noticed between polls. Default 1 s. */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /** Pauses before reconnecting and before retrying a record. Default {@link Backoff#DEFAULT}. */
        public Builder backoff(Backoff policy) {
            this.backoff = policy;
            return this;
        }

        /** How long the loop may go without going round before it counts as stuck (not live). Default 2 min. */
        public Builder stuckAfter(Duration limit) {
            this.stuckAfter = limit;
            return this;
        }

        public ConsumerLoop build() {
            return new ConsumerLoop(this);
        }
    }
}
