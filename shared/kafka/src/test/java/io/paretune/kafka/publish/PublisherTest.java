package io.paretune.kafka.publish;

import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.local.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.paretune.kafka.testing.TestTopics.create;
import static io.paretune.kafka.testing.TestTopics.readAll;
import static io.paretune.kafka.testing.TestTopics.text;
import static io.paretune.kafka.testing.TestTopics.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PublisherTest {

    @Test
    void returnsOnceTheBrokerStoredTheRecordAndThrowsWhenItCannot() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary()) {
            KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), "test");
            String topic;
            try (Admin admin = clients.admin()) {
                topic = create(admin, "publish-test");
            }
            CompletableFuture<Exception> laterFailure = new CompletableFuture<>();
            try (Publisher publisher = new Publisher(clients.producer())) {
                RecordMetadata stored = publisher.publish(topic, "trial-1", utf8("{\"a\":1}"));
                publisher.publishLater(topic, "trial-2", utf8("{\"b\":2}"), laterFailure::complete);

                assertThat(stored.offset()).isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> readAll(kafka.bootstrapServers(), topic).size() == 2);
                List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka.bootstrapServers(), topic);
                assertThat(records).extracting(r -> text(r.key())).containsExactly("trial-1", "trial-2");
                assertThat(laterFailure).isNotDone();

                publisher.close();
                assertThatThrownBy(() -> publisher.publish(topic, "trial-3", utf8("{}")))
                        .isInstanceOf(PublishException.class);
                publisher.publishLater(topic, "trial-4", utf8("{}"), laterFailure::complete);
                assertThat(laterFailure).isDone();
            }
        }
    }
}
