package io.paretune.kafka.admin;

import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.local.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BrokerSetupTest {

    @Test
    void createsTheTopicsAndSetsAShareGroupsConfigsBeforeAnyMemberJoins() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary()) {
            KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), "test");
            BrokerSetup broker = new BrokerSetup(clients);

            broker.ensureTopics();
            broker.ensureTopics();
            broker.configureShareGroup("test-trainers", new ShareGroupSettings(20_000, 4));

            try (Admin admin = clients.admin()) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
                ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "test-trainers");
                // The broker learns of the change from the metadata log, a moment after the controller took it.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Config configs = admin.describeConfigs(List.of(group)).all().get().get(group);
                    assertThat(configs.get("share.auto.offset.reset").value()).isEqualTo("earliest");
                    assertThat(configs.get("share.record.lock.duration.ms").value()).isEqualTo("20000");
                    assertThat(configs.get("share.delivery.count.limit").value()).isEqualTo("4");
                });
            }
        }
    }

    @Test
    void saysWhatFailedWhenTheBrokerCannotBeReached() {
        BrokerSetup broker = new BrokerSetup(new KafkaClients("127.0.0.1:1", "test"));

        assertThatThrownBy(broker::ensureTopics)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot create topics");
    }
}
