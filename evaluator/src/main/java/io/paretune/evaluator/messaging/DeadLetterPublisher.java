package io.paretune.evaluator.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sets aside a record the evaluator cannot use: the original key and value go to {@link Topics#DEAD_LETTER} with
 * {@link DeadLetterHeaders} saying why and where it came from.
 */
// Created at start-up so that its meters are exported (as zeros) before the first evaluation.
@Startup
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "evaluator";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;

    public DeadLetterPublisher(KafkaProducer<String, byte[]> producer, MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
        // Registered up front so that dashboards see a zero rather than no series.
        deadLettered(Topics.TRIAL_RESULTS);
    }

    /** @throws PublishException when the dead letter was not acknowledged; the record must not be committed */
    public void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.of(reason, cause, record.topic(), record.partition(), record.offset(), SERVICE)
                .forEach(headers::add);
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers))
                    .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while dead-lettering " + where(record), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("dead letter of " + where(record) + " not acknowledged: " + e.getMessage(), e);
        }
        deadLettered(record.topic()).increment();
        LOG.warnf("dead-lettered %s: %s", where(record), reason);
    }

    private Counter deadLettered(String topic) {
        return Counter.builder("paretune.messages.dead.lettered")
                .description("Records set aside on the dead-letter topic because they could not be used")
                .tag("service", SERVICE)
                .tag("topic", topic)
                .register(registry);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

}
