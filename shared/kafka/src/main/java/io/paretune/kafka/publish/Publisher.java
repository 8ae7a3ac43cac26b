package io.paretune.kafka.publish;

import io.paretune.kafka.client.KafkaClients;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One service's producer, with the two ways the services send: waiting until the broker stored the record (jobs,
 * results, scores, dead letters: what follows depends on it), or without waiting (progress, replaced by the next
 * report). Keys are strings (trial or campaign ids), written as UTF-8.
 *
 * <pre>{@code
 * try (Publisher publisher = new Publisher(clients.producer())) {
 *     publisher.publish(Topics.TRIAL_SCORES, score.trialId(), Json.write(score));
 * }
 * }</pre>
 */
public final class Publisher implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;

    public Publisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Returns once the broker stored the record, waiting as long as the producer tries
     * ({@link KafkaClients#DELIVERY_TIMEOUT}).
     *
     * @throws PublishException when it was not stored
     */
    public RecordMetadata publish(String topic, String key, byte[] value) {
        return publish(topic, key, value, KafkaClients.DELIVERY_TIMEOUT);
    }

    /**
     * Returns once the broker stored the record.
     *
     * @throws PublishException when it was not stored within {@code timeout}
     */
    public RecordMetadata publish(String topic, String key, byte[] value, Duration timeout) {
        return publish(new ProducerRecord<>(topic, utf8(key), value), timeout);
    }

    /**
     * Returns once the broker stored the record, headers and all.
     *
     * @throws PublishException when it was not stored within {@code timeout}
     */
    public RecordMetadata publish(ProducerRecord<byte[], byte[]> record, Duration timeout) {
        Future<RecordMetadata> sent;
        try {
            sent = producer.send(record);
        } catch (KafkaException | IllegalStateException e) { // IllegalStateException: the producer is closed
            throw new PublishException(record.topic() + " did not take a record: " + e, e);
        }
        return await(sent, record.topic(), timeout);
    }

    /**
     * Sends without waiting; {@code onFailure} hears of a record that was not stored (on the producer's thread, or on
     * the caller's when the producer refused it at once).
     */
    public void publishLater(String topic, String key, byte[] value, Consumer<Exception> onFailure) {
        try {
            producer.send(new ProducerRecord<>(topic, utf8(key), value), (metadata, error) -> {
                if (error != null) {
                    onFailure.accept(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            onFailure.accept(e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_WAIT);
    }

    private static RecordMetadata await(Future<RecordMetadata> sent, String topic, Duration timeout) {
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for " + topic + " to store a record", e);
        } catch (ExecutionException e) {
            throw new PublishException(topic + " did not store a record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException(topic + " did not acknowledge a record within " + timeout, e);
        }
    }

    private static byte[] utf8(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
}
