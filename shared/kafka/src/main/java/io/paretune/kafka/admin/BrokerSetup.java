package io.paretune.kafka.admin;

import io.paretune.kafka.client.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prepares the broker before a service connects, so that any service may start first: Paretune's topics
 * ({@link TopicCreator}), and the settings of a share group before its first member joins.
 *
 * <pre>{@code
 * BrokerSetup broker = new BrokerSetup(clients);
 * broker.ensureTopics();
 * broker.configureShareGroup(Topics.TRAINERS_SHARE_GROUP, new ShareGroupSettings(30_000, 10));
 * }</pre>
 */
public final class BrokerSetup {

    private static final Logger LOG = Logger.getLogger(BrokerSetup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private volatile boolean topicsReady;

    public BrokerSetup(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * Creates the topics that are missing, and compacts a campaign-control topic found without it; after the first
     * success a no-op.
     *
     * @throws IllegalStateException when the broker cannot be reached or refuses (the caller tries again later)
     */
    public void ensureTopics() {
        if (topicsReady) {
            return;
        }
        run("create topics", admin -> TopicCreator.createMissing(admin, TIMEOUT)
                .forEach(name -> LOG.infof("created topic %s", name)));
        topicsReady = true;
    }

    /**
     * Sets {@code settings} on share group {@code group} (whether or not it exists yet).
     *
     * @throws IllegalStateException when the broker cannot be reached or refuses (the caller tries again later)
     */
    public void configureShareGroup(String group, ShareGroupSettings settings) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
        Collection<AlterConfigOp> ops = settings.configs().entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        run("configure share group " + group, admin -> admin.incrementalAlterConfigs(Map.of(resource, ops)).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private interface AdminStep {
        void run(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private void run(String what, AdminStep step) {
        try (Admin admin = clients.admin()) {
            step.run(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer within " + TIMEOUT, e);
        }
    }
}
