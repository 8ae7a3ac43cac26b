package io.paretune.kafka.admin;

import io.paretune.contract.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates every Paretune topic that is missing, so that any service may start first. One partition each: the
 * trainers' share group spreads one partition's records over any number of workers, and the other topics are
 * small. Replication is the broker's default. A topic that needs settings of its own ({@link #SETTINGS}) gets them
 * when created, and again when found without them (a broker that auto-creates topics may have made it first).
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(config)) {
 *     List<String> created = TopicCreator.createMissing(admin, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class TopicCreator {

    /**
     * Topic settings beyond the broker's defaults. The campaign-control topic is compacted: the latest record per
     * campaign stays for good, so a worker started any time later still learns that a campaign was cancelled.
     */
    public static final Map<String, Map<String, String>> SETTINGS = Map.of(
            Topics.CAMPAIGN_CONTROL, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    private TopicCreator() {
    }

    /**
     * @return the topics this call created (empty when all existed)
     * @throws ExecutionException when the broker refuses a topic, or a setting of one, for another reason than that
     *                            the topic exists
     */
    public static List<String> createMissing(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = Topics.ALL.stream()
                .map(name -> new NewTopic(name, Optional.of(1), Optional.empty())
                        .configs(SETTINGS.getOrDefault(name, Map.of())))
                .toList();
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(result.getKey());
            }
        }
        applySettings(admin, existing.stream().filter(SETTINGS::containsKey).toList(), timeout);
        return created;
    }

    /** Sets what differs from {@link #SETTINGS} on topics that already existed. */
    private static void applySettings(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (ConfigResource resource : resources) {
            List<AlterConfigOp> ops = new ArrayList<>();
            SETTINGS.get(resource.name()).forEach((key, value) -> {
                ConfigEntry entry = current.get(resource).get(key);
                if (entry == null || !Objects.equals(entry.value(), value)) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
