package io.paretune.worker.messaging;

import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.metrics.WorkerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything the worker writes to Kafka: progress (fire and forget; a lost epoch report is replaced by the next),
 * except the start of an attempt, which is waited for like results and dead letters: a job is taken off the queue
 * only once the controller is sure to hear of its start. Records are
 * keyed by trial id so that one trial's messages stay in order; the producer is idempotent with {@code acks=all}.
 */
@ApplicationScoped
public class TrialEventPublisher {

    private static final Logger LOG = Logger.getLogger(TrialEventPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final WorkerMetrics metrics;
    private final Duration sendTimeout;

    public TrialEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
                               WorkerConfig config, WorkerMetrics metrics) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "paretune-worker-producer"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.metrics = metrics;
        this.sendTimeout = Duration.ofMillis(config.worker().sendTimeoutMs());
    }

    /** Sends a progress report without waiting; a failure is logged. */
    public void progress(TrialProgress progress) {
        producer.send(record(Topics.TRIAL_PROGRESS, progress.trialId(), Json.write(progress)), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("progress %s of trial %s not sent: %s", progress.phase(), progress.trialId(), error.toString());
            }
        });
    }

    /**
     * Sends a progress report and waits until the broker has it.
     *
     * @throws PublishException when the broker did not acknowledge it in time
     */
    public RecordMetadata progressStored(TrialProgress progress) {
        return await(producer.send(record(Topics.TRIAL_PROGRESS, progress.trialId(), Json.write(progress))),
                progress.phase() + " report of trial " + progress.trialId());
    }

    /**
     * Sends a result and waits until the broker has it.
     *
     * @throws PublishException when the broker did not acknowledge it in time
     */
    public RecordMetadata result(TrialResult result) {
        return await(producer.send(record(Topics.TRIAL_RESULTS, result.trialId(), Json.write(result))),
                "result of trial " + result.trialId());
    }

    /**
     * Sets an unreadable record aside on {@link Topics#DEAD_LETTER} with its original key and value and headers
     * saying why, and waits until the broker has it.
     */
    public void deadLetter(ConsumerRecord<byte[], byte[]> original, Exception reason) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTER, null, original.key(), original.value());
        DeadLetterHeaders.of(String.valueOf(reason.getMessage()), reason, original.topic(), original.partition(),
                original.offset(), "worker").forEach(letter.headers()::add);
        await(producer.send(letter), "dead letter of " + original.topic() + "@" + original.offset());
        metrics.deadLettered(original.topic());
    }

    private RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent, String what) {
        try {
            return sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while sending the " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("could not send the " + what + ": " + e, e);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }


    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A message the broker did not take. */
    public static class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
