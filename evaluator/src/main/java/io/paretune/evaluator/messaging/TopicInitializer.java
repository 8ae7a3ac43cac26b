package io.paretune.evaluator.messaging;

import io.paretune.kafka.TopicCreator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Creates Paretune's topics when missing (one partition each), so that any service may start first. */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients;

    public TopicInitializer(KafkaClients clients) {
        this.clients = clients;
    }

    /** @throws IllegalStateException when the broker cannot be reached or refuses */
    public void ensureTopics() {
        try (Admin admin = clients.admin()) {
            TopicCreator.createMissing(admin, TIMEOUT).forEach(name -> LOG.infof("created topic %s", name));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not answer topic creation in time", e);
        }
    }
}
