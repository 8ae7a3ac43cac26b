package io.paretune.evaluator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.config.EvaluatorConfig;
import io.paretune.evaluator.service.EvaluationService;
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
import java.util.List;
import java.util.Map;

/**
 * Reads {@link Topics#TRIAL_RESULTS} on its own thread, one record at a time, and answers every trained result
 * with a score on {@link Topics#TRIAL_SCORES}. The offset is committed only after the score (or dead letter) is
 * acknowledged: a crash in between scores the result again, and the controller keeps the first score per trial.
 * Failed results are skipped (the controller already knows), and so are checkpointed ones (a segment of a trial
 * done, no model yet: the controller decides whether it goes on); unreadable records are dead-lettered. Nothing that
 * happens to one record stops the loop.
 */
@ApplicationScoped
public class TrialResultConsumer {

    private static final Logger LOG = Logger.getLogger(TrialResultConsumer.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** Where the loop is. */
    public enum State { STOPPED, STARTING, POLLING, BACKING_OFF }

    /** What readiness reports. */
    public record Status(State state, boolean threadAlive, Instant lastProgress, String scoringTrialId, String lastError) {
    }

    private final KafkaClients clients;
    private final TopicInitializer topics;
    private final EvaluationService evaluations;
    private final ScorePublisher scores;
    private final DeadLetterPublisher deadLetters;
    private final EvaluatorConfig.Consumer config;
    private final ConsumerLag lag;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile State state = State.STOPPED;
    private volatile Instant lastProgress = Instant.now();
    private volatile String scoringTrialId;
    private volatile String lastError;

    public TrialResultConsumer(KafkaClients clients, TopicInitializer topics, EvaluationService evaluations,
                               ScorePublisher scores, DeadLetterPublisher deadLetters, EvaluatorConfig config,
                               MeterRegistry registry) {
        this.clients = clients;
        this.topics = topics;
        this.evaluations = evaluations;
        this.scores = scores;
        this.deadLetters = deadLetters;
        this.config = config.consumer();
        this.lag = new ConsumerLag(registry);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        state = State.STARTING;
        thread = new Thread(this::run, "paretune-trial-result-consumer");
        // A model being scored at shutdown must not keep the JVM alive; its result is redelivered later.
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread loop = thread;
        if (loop != null) {
            try {
                loop.join(SHUTDOWN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Status status() {
        Thread loop = thread;
        return new Status(state, loop != null && loop.isAlive(), lastProgress, scoringTrialId, lastError);
    }

    /** Ready when the loop polls and has not been stuck on one record longer than Kafka would allow. */
    public boolean isHealthy() {
        Status status = status();
        return status.threadAlive() && status.state() == State.POLLING
                && Duration.between(status.lastProgress(), Instant.now()).compareTo(config.maxPollInterval()) < 0;
    }

    private void run() {
        while (running) {
            try {
                topics.ensureTopics();
                try (KafkaConsumer<String, byte[]> c = clients.trialResultConsumer(config.maxPollInterval())) {
                    consumer = c;
                    c.subscribe(List.of(Topics.TRIAL_RESULTS));
                    while (running) {
                        pollOnce(c);
                    }
                } finally {
                    consumer = null;
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up; the loop condition ends it.
            } catch (Exception e) {
                if (running) {
                    LOG.warnf(e, "trial-results consumer failed; starting again in %s", config.retryBackoff());
                    backOff(e);
                }
            }
        }
        state = State.STOPPED;
    }

    private void pollOnce(KafkaConsumer<String, byte[]> c) {
        ConsumerRecords<String, byte[]> records = c.poll(config.pollTimeout());
        progress(State.POLLING);
        lag.update(c);
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            try {
                handle(record);
            } catch (PublishException e) {
                // Not acknowledged: neither commit nor skip; read the same record again after a pause.
                LOG.warnf("%s; retrying %s-%d@%d in %s", e.getMessage(), record.topic(), record.partition(),
                        record.offset(), config.retryBackoff());
                c.seek(partition, record.offset());
                backOff(e);
                return;
            } finally {
                scoringTrialId = null;
            }
            c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            progress(State.POLLING);
            lag.update(c);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        TrialResult result;
        try {
            result = Json.read(record.value(), TrialResult.class);
            if (result.outcome() == null) {
                throw new MalformedMessageException("TrialResult " + result.trialId() + " without outcome");
            }
        } catch (MalformedMessageException e) {
            deadLetters.deadLetter(record, e.getMessage(), e);
            return;
        }
        if (result.outcome() != TrialResult.Outcome.TRAINED) { // FAILED, CHECKPOINTED: nothing to score
            LOG.debugf("skipping %s result of trial %s: the controller handles it", result.outcome(), result.trialId());
            return;
        }
        scoringTrialId = result.trialId();
        TrialScore score;
        try {
            score = evaluations.evaluate(result);
        } catch (MalformedMessageException e) {
            deadLetters.deadLetter(record, e.getMessage(), e);
            return;
        }
        scores.publish(score);
    }

    private void progress(State newState) {
        state = newState;
        lastProgress = Instant.now();
        lastError = null;
    }

    private void backOff(Exception cause) {
        state = State.BACKING_OFF;
        lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
