package io.paretune.controller.messaging;

import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.controller.config.ControllerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's one consumer thread, in group {@link Topics#CONTROLLER_GROUP}, on progress, results and scores.
 * Each record is handled in its own transaction (handling is idempotent, so a replay after a crash is harmless),
 * and offsets are committed after handling. Failure policy: an unreadable record goes to the dead-letter topic at
 * once; a record whose handling throws is retried with growing pauses and dead-lettered after
 * {@code paretune.controller.max-handling-attempts}. Nothing ends the loop but shutdown.
 */
@ApplicationScoped
public class TrialEventConsumer {

    private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);
    static final List<String> TOPICS = List.of(Topics.TRIAL_PROGRESS, Topics.TRIAL_RESULTS, Topics.TRIAL_SCORES);

    private final KafkaClients clients;
    private final TopicInitializer topics;
    private final TrialEventHandler handler;
    private final DeadLetterPublisher deadLetters;
    private final ControllerConfig config;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Instant lastPoll;
    private Thread thread;

    public TrialEventConsumer(KafkaClients clients, TopicInitializer topics, TrialEventHandler handler,
                              DeadLetterPublisher deadLetters, ControllerConfig config) {
        this.clients = clients;
        this.topics = topics;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "paretune-trial-events");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** True while the loop runs and has polled recently (readiness). */
    public boolean isHealthy() {
        Instant polled = lastPoll;
        return running && thread != null && thread.isAlive() && polled != null
                && polled.isAfter(Instant.now().minus(Duration.ofMinutes(2)));
    }

    private void run() {
        long pause = 500;
        while (running) {
            try {
                topics.ensureTopics();
                consumer = clients.consumer();
                consumer.subscribe(TOPICS);
                LOG.infof("consuming %s in group %s", TOPICS, Topics.CONTROLLER_GROUP);
                pause = 500;
                while (running) {
                    pollOnce();
                }
            } catch (WakeupException e) {
                // shutdown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Exception e) {
                LOG.warnf("trial event consumer: %s; starting over in %d ms", e, pause);
                sleep(pause);
                pause = Math.min(pause * 2, 30_000);
            } finally {
                KafkaConsumer<String, byte[]> c = consumer;
                consumer = null;
                if (c != null) {
                    try {
                        c.close(Duration.ofSeconds(5));
                    } catch (Exception e) {
                        LOG.debugf("closing consumer: %s", e);
                    }
                }
            }
        }
    }

    private void pollOnce() throws InterruptedException {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        lastPoll = Instant.now();
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!handleWithRetries(record)) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!handled.isEmpty()) {
            consumer.commitSync(handled);
        }
    }

    /**
     * True when the record was handled or set aside; false only when shutdown interrupted the retries. Transient
     * failures (the database is down) are retried until they pass; others at most {@code max-handling-attempts}
     * times before the record is dead-lettered, so that one record that can never be handled does not stop the rest.
     */
    private boolean handleWithRetries(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        int attempts = 0;
        while (true) {
            try {
                handler.handle(record);
                return true;
            } catch (MalformedMessageException e) {
                deadLetter(record, e.getMessage(), e);
                return true;
            } catch (RuntimeException e) {
                attempts++;
                boolean transientFailure = TransientFailures.isTransient(e);
                if (!transientFailure && attempts >= config.maxHandlingAttempts()) {
                    deadLetter(record, "handling failed " + attempts + " times: " + e, e);
                    return true;
                }
                long pause = transientFailure ? Math.min(30_000, 500L << Math.min(attempts - 1, 6)) : 200L * attempts;
                LOG.warnf("handling %s-%d@%d failed (attempt %d, %s): %s; retrying in %d ms", record.topic(),
                        record.partition(), record.offset(), attempts, transientFailure ? "transient" : "permanent?",
                        e, pause);
                if (!running) {
                    return false;
                }
                Thread.sleep(pause);
                lastPoll = Instant.now();
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) throws InterruptedException {
        try {
            deadLetters.deadLetter(record, reason, cause);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write dead letter: " + e, e);
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
