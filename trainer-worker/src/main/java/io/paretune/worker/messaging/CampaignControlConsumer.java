package io.paretune.worker.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.service.CancelledCampaigns;
import io.paretune.worker.service.WorkerIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link Topics#CAMPAIGN_CONTROL} into {@link CancelledCampaigns}, on its own thread, from the beginning and
 * with no consumer group: every worker must see every cancellation, whenever it started (the topic is compacted, so
 * it holds the latest record of each campaign ever cancelled). A record it cannot read is logged and skipped, not
 * dead-lettered: every worker reads every record, and would set the same one aside again at each start.
 */
@ApplicationScoped
public class CampaignControlConsumer {

    private static final Logger LOG = Logger.getLogger(CampaignControlConsumer.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final CancelledCampaigns cancelled;
    private final String workerId;
    private final Duration pollTimeout;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public CampaignControlConsumer(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
                                   WorkerConfig config, CancelledCampaigns cancelled, WorkerIdentity identity) {
        this.bootstrapServers = bootstrapServers;
        this.cancelled = cancelled;
        this.workerId = identity.id();
        this.pollTimeout = Duration.ofMillis(config.worker().pollTimeoutMs());
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "campaign-control-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        LoopThreads.join(thread, Duration.ofSeconds(10));
        thread = null;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = newConsumer()) {
                consumer = c;
                readFromTheBeginning(c);
            } catch (WakeupException e) {
                LOG.debug("campaign-control consumer woken up to stop");
            } catch (Exception e) {
                if (running) {
                    LOG.errorf("campaign-control consumer failed (%s); reading again from the beginning in %d s", e,
                            LoopThreads.RECONNECT_BACKOFF.toSeconds());
                    LoopThreads.sleep(LoopThreads.RECONNECT_BACKOFF);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "paretune-worker-control-" + workerId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Created compacted by the services at start-up; a plain auto-created one would forget cancellations.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void readFromTheBeginning(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        if (partitions.isEmpty()) {
            return; // stopping
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : c.poll(pollTimeout)) {
                handle(record);
            }
            if (!cancelled.caughtUp() && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                cancelled.markCaughtUp();
                LOG.infof("read %s to its end: %s", Topics.CAMPAIGN_CONTROL, end);
            }
        }
    }

    /** The topic's partitions, once it exists (whichever service starts first creates it); empty when stopping. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        while (running) {
            List<PartitionInfo> found = c.partitionsFor(Topics.CAMPAIGN_CONTROL);
            if (found != null && !found.isEmpty()) {
                return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOG.debugf("%s does not exist yet", Topics.CAMPAIGN_CONTROL);
            LoopThreads.sleep(TOPIC_WAIT);
        }
        return List.of();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        CampaignControl control;
        try {
            control = Json.read(record.value(), CampaignControl.class);
        } catch (MalformedMessageException e) {
            LOG.warnf("unreadable record at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (control.action() == CampaignControl.Action.CANCELLED && cancelled.add(control.campaignId())) {
            // At start-up the whole history goes by: one line per campaign ever cancelled would drown the log.
            LOG.logf(cancelled.caughtUp() ? Logger.Level.INFO : Logger.Level.DEBUG,
                    "campaign %s was cancelled at %s: its jobs are dropped, its trial stopped", control.campaignId(),
                    control.at());
        }
    }
}
