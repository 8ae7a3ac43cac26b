package io.paretune.worker.messaging;

import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prepares the broker before the worker joins the trainers' share group: the topics (one partition each; a share
 * group spreads one partition's records over many consumers) and the group's settings, which must be in place
 * before the first member joins (a new share group otherwise starts at the latest offset and misses queued jobs).
 */
final class KafkaSetup {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaSetup() {
    }

    static void prepare(String bootstrapServers, int lockDurationMs, int deliveryCountLimit)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "paretune-worker-admin"))) {
            TopicCreator.createMissing(admin, Duration.ofSeconds(TIMEOUT_SECONDS));
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, Topics.TRAINERS_SHARE_GROUP);
            admin.incrementalAlterConfigs(Map.of(group, List.of(
                    set("share.auto.offset.reset", "earliest"),
                    set("share.record.lock.duration.ms", Integer.toString(lockDurationMs)),
                    set("share.delivery.count.limit", Integer.toString(deliveryCountLimit)))))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }


    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
