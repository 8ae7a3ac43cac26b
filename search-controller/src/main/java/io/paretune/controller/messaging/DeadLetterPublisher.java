package io.paretune.controller.messaging;

import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.paretune.controller.metrics.ControllerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sets a record aside on {@link Topics#DEAD_LETTER}: original key and value untouched, {@link DeadLetterHeaders}
 * saying why, what rejected it and where it came from.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String SERVICE = "controller";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final KafkaClients clients;
    private final ControllerMetrics metrics;

    public DeadLetterPublisher(KafkaClients clients, ControllerMetrics metrics) {
        this.clients = clients;
        this.metrics = metrics;
    }

    /** Returns once the broker stored the dead letter; throws otherwise (the record is then not committed). */
    public void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause)
            throws InterruptedException, ExecutionException, TimeoutException {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.of(reason, cause, record.topic(), record.partition(), record.offset(), SERVICE)
                .forEach(headers::add);
        clients.producer().send(new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(), headers))
                .get(30, TimeUnit.SECONDS);
        metrics.deadLettered(record.topic());
        LOG.warnf("record %s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.DEAD_LETTER, reason);
    }

}
