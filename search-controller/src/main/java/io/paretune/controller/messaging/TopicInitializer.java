package io.paretune.controller.messaging;

import io.paretune.kafka.TopicCreator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
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
            TopicCreator.createMissing(admin, Duration.ofSeconds(15)).forEach(name -> LOG.infof("created topic %s", name));
        }
        done = true;
    }
}
