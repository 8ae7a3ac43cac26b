package io.paretune.controller.messaging;

import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.controller.config.ControllerConfig;
import io.paretune.controller.trial.ResultNotYetHeardException;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.client.ConsumerSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.client.KafkaIdentity;
import io.paretune.kafka.consume.ConsumerLoop;
import io.paretune.kafka.consume.Subscription;
import io.paretune.kafka.consume.Verdict;
import io.paretune.kafka.deadletter.DeadLetterPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/**
 * The controller's one consumer loop (shared/kafka's {@link ConsumerLoop}), in group {@link Topics#CONTROLLER_GROUP},
 * on progress, results and scores. Each record is handled in its own transaction (handling is idempotent, so a replay
 * after a crash is harmless), and offsets are committed after handling. Failure policy: an unreadable record goes to
 * the dead-letter topic at once, and so does one that contradicts what the controller dispatched (a score that may
 * have overtaken its trial's result is first retried up to {@code max-handling-attempts} times); a record whose
 * handling fails for a transient reason (the database is unreachable)
 * is retried, with growing pauses, until it passes; one that fails otherwise is retried and dead-lettered after
 * {@code paretune.controller.max-handling-attempts}. Nothing ends the loop but shutdown.
 */
@ApplicationScoped
public class TrialEventConsumer {

    static final List<String> TOPICS = List.of(Topics.TRIAL_PROGRESS, Topics.TRIAL_RESULTS, Topics.TRIAL_SCORES);
    /** The controller on Kafka: clients named {@code paretune-controller-*}, dead letters signed {@code controller}. */
    @Produces
    static final KafkaIdentity IDENTITY = new KafkaIdentity("controller", TOPICS);
    /** A loop that has not gone round for this long (stuck in one record's handling) is not ready. */
    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final TrialEventHandler handler;
    private final ControllerConfig config;
    private final ConsumerLoop loop;

    public TrialEventConsumer(KafkaClients clients, BrokerSetup broker, TrialEventHandler handler,
                              DeadLetterPublisher deadLetters, ControllerConfig config) {
        this.handler = handler;
        this.config = config;
        this.loop = ConsumerLoop.builder("paretune-trial-events",
                        () -> clients.consumer(ConsumerSettings.inGroup(Topics.CONTROLLER_GROUP).withMaxPollRecords(100)),
                        Subscription.group(TOPICS), this::handle)
                .beforeConnect(broker::ensureTopics)
                .deadLetters(deadLetters)
                .pollTimeout(Duration.ofMillis(500))
                .stuckAfter(STUCK_AFTER)
                .build();
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop(STOP_WAIT);
    }

    /** True while the loop polls (or retries a record) and went round recently (readiness). */
    public boolean isHealthy() {
        return loop.live();
    }

    private Verdict handle(ConsumerRecord<byte[], byte[]> record, int attempt) {
        try {
            handler.handle(record);
            return Verdict.ack();
        } catch (ResultNotYetHeardException e) {
            return attempt < config.maxHandlingAttempts() ? Verdict.retry(e) : Verdict.deadLetter(e.getMessage(), e);
        } catch (MalformedMessageException e) {
            return Verdict.deadLetter(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (!TransientFailures.isTransient(e) && attempt >= config.maxHandlingAttempts()) {
                return Verdict.deadLetter("handling failed " + attempt + " times: " + e, e);
            }
            return Verdict.retry(e);
        }
    }
}
