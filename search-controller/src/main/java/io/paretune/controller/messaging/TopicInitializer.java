package io.paretune.controller.messaging;

import io.paretune.contract.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates every Paretune topic that is missing (one partition each, the broker's replication factor). */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final KafkaClients clients;
    private volatile boolean done;

    public TopicInitializer(KafkaClients clients) {
        this.clients = clients;
    }

    /** Idempotent; throws when the broker cannot be reached so that the caller retries. */
    public void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        if (done) {
            return;
        }
        try (Admin admin = Admin.create(clients.adminConfig())) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(name -> new NewTopic(name, Optional.of(1), Optional.empty())).toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timed out creating topic " + name, e);
                }
            });
        }
        done = true;
    }
}
