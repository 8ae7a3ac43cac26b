package io.paretune.kafka.client;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientsTest {

    private final KafkaClients clients = new KafkaClients(Map.of(
            "bootstrap.servers", "broker:9092",
            "security.protocol", "SSL",
            "acks", "1",
            "heap.opts", "-Xmx1g",           // KAFKA_HEAP_OPTS in the environment
            "service.host", "10.0.0.7"),     // a Kubernetes service link for a service named kafka
            "evaluator");

    @Test
    void aProducerTakesTheSettingsItKnowsButKeepsItsGuarantees() {
        Map<String, Object> producer = clients.producerProperties();

        assertThat(producer)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "paretune-evaluator-producer")
                .doesNotContainKeys("heap.opts", "service.host");
    }

    @Test
    void aConsumerIsNamedForItsServiceAndCommitsOnlyByHand() {
        Map<String, Object> consumer = clients.consumerProperties(ConsumerSettings.inGroup("paretune-evaluators")
                .withMaxPollRecords(1).withMaxPollInterval(Duration.ofMinutes(30)));

        assertThat(consumer)
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "paretune-evaluator-consumer")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "paretune-evaluators")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)
                .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1_800_000)
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKeys("acks", "heap.opts");
        assertThat(clients.consumerProperties(ConsumerSettings.withoutGroup("control-w1")))
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "paretune-evaluator-control-w1")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }
}
