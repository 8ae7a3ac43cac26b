package io.paretune.kafka.admin;

import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.local.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicCreatorTest {

    @Test
    void createsWhatIsMissingAndToleratesWhatExists() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.TRIAL_JOBS, 1, (short) 1))).all().get();

            List<String> created = TopicCreator.createMissing(admin, Duration.ofSeconds(30));

            assertThat(created).containsExactlyInAnyOrderElementsOf(
                    Topics.ALL.stream().filter(t -> !t.equals(Topics.TRIAL_JOBS)).toList());
            assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
            assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get().values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(1));
            assertThat(cleanupPolicy(admin, Topics.CAMPAIGN_CONTROL)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(cleanupPolicy(admin, Topics.TRIAL_JOBS)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(TopicCreator.createMissing(admin, Duration.ofSeconds(30))).as("second call").isEmpty();
        }
    }

    @Test
    void compactsACampaignControlTopicSomeoneElseCreatedPlain() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // What a broker with auto.create.topics.enable does when a client asks for the topic first.
            admin.createTopics(List.of(new NewTopic(Topics.CAMPAIGN_CONTROL, 1, (short) 1))).all().get();
            assertThat(cleanupPolicy(admin, Topics.CAMPAIGN_CONTROL)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);

            assertThat(TopicCreator.createMissing(admin, Duration.ofSeconds(30))).doesNotContain(Topics.CAMPAIGN_CONTROL);

            // The broker serves configs from its metadata cache, which learns of the change a moment after it commits.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(cleanupPolicy(admin, Topics.CAMPAIGN_CONTROL)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT));
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
