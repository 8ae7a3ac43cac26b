package io.paretune.kafka;

import io.paretune.contract.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates every Paretune topic that is missing, so that any service may start first. One partition each: the
 * trainers' share group spreads one partition's records over any number of workers, and the other topics are
 * small. Replication is the broker's default.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(config)) {
 *     List<String> created = TopicCreator.createMissing(admin, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * @return the topics this call created (empty when all existed)
     * @throws ExecutionException when the broker refuses a topic for another reason than that it exists
     */
    public static List<String> createMissing(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = Topics.ALL.stream()
                .map(name -> new NewTopic(name, Optional.of(1), Optional.empty()))
                .toList();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }
}
