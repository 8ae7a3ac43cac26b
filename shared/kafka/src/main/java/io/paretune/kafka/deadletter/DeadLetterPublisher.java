package io.paretune.kafka.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Sets a record aside on {@link Topics#DEAD_LETTER}: the original key and value untouched, {@link DeadLetterHeaders}
 * saying why, what rejected it, where it came from and which service set it aside. Counts each as
 * {@code paretune.messages.dead.lettered{service, topic}} (Prometheus {@code paretune_messages_dead_lettered_total}),
 * by source topic; the counters of the service's input topics exist from the start, at zero.
 *
 * <pre>{@code
 * DeadLetterPublisher deadLetters = new DeadLetterPublisher(publisher, "evaluator", registry, List.of(Topics.TRIAL_RESULTS));
 * deadLetters.deadLetter(record, "unreadable TrialResult: ...", exception);
 * }</pre>
 */
public final class DeadLetterPublisher {

    /** The meter's name; Prometheus exports it as {@code paretune_messages_dead_lettered_total}. */
    public static final String METER = "paretune.messages.dead.lettered";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final Publisher publisher;
    private final String service;
    private final MeterRegistry registry;

    public DeadLetterPublisher(Publisher publisher, String service, MeterRegistry registry,
                               Collection<String> inputTopics) {
        this.publisher = publisher;
        this.service = service;
        this.registry = registry;
        inputTopics.forEach(this::counter);
    }

    /**
     * Returns once the broker stored the dead letter.
     *
     * @param cause what rejected the record; null when nothing was thrown
     * @throws PublishException when the broker did not store it: the record must then not be committed or
     *                          acknowledged, so that it is tried again
     */
    public void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable cause) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value());
        DeadLetterHeaders.of(reason, cause, record.topic(), record.partition(), record.offset(), service)
                .forEach(letter.headers()::add);
        publisher.publish(letter, KafkaClients.DELIVERY_TIMEOUT);
        counter(record.topic()).increment();
        LOG.warnf("record %s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.DEAD_LETTER, reason);
    }

    private Counter counter(String topic) {
        return Counter.builder(METER)
                .description("Records set aside on the dead-letter topic because they could not be used")
                .tag("service", service)
                .tag("topic", topic)
                .register(registry);
    }
}
