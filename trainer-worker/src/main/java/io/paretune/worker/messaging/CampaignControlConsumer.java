package io.paretune.worker.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.client.ConsumerSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.consume.ConsumerLoop;
import io.paretune.kafka.consume.RecordHandler;
import io.paretune.kafka.consume.Subscription;
import io.paretune.kafka.consume.Verdict;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.state.CancelledCampaigns;
import io.paretune.worker.state.WorkerIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Reads {@link Topics#CAMPAIGN_CONTROL} into {@link CancelledCampaigns}, in a loop of its own (shared/kafka's
 * {@link ConsumerLoop}), from the beginning and with no consumer group: every worker must see every cancellation,
 * whenever it started (the topic is compacted, so it holds the latest record of each campaign ever cancelled).
 * Caught up once it has read as far as the topic's end when it first looked. A record it cannot read is logged and
 * skipped, not dead-lettered: every worker reads every record, and would set the same one aside again at each start.
 */
@ApplicationScoped
public class CampaignControlConsumer implements RecordHandler {

    private static final Logger LOG = Logger.getLogger(CampaignControlConsumer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final CancelledCampaigns cancelled;
    private final ConsumerLoop loop;
    /** The topic's end offsets when first read: caught up once the consumer's positions reach them. */
    private Map<TopicPartition, Long> end;

    public CampaignControlConsumer(KafkaClients clients, WorkerConfig config, CancelledCampaigns cancelled,
                                   WorkerIdentity identity) {
        this.cancelled = cancelled;
        this.loop = ConsumerLoop.builder("campaign-control-consumer",
                        () -> clients.consumer(ConsumerSettings.withoutGroup("control-" + identity.id())),
                        Subscription.wholeTopic(Topics.CAMPAIGN_CONTROL), this)
                .pollTimeout(Duration.ofMillis(config.worker().pollTimeoutMs()))
                .build();
    }

    void onStart(@Observes StartupEvent event) {
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop(STOP_WAIT);
    }

    @Override
    public Verdict handle(ConsumerRecord<byte[], byte[]> record, int attempt) {
        CampaignControl control;
        try {
            control = Json.read(record.value(), CampaignControl.class);
        } catch (MalformedMessageException e) {
            LOG.warnf("unreadable record at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Verdict.ack();
        }
        if (control.action() == CampaignControl.Action.CANCELLED && cancelled.add(control.campaignId())) {
            // At start-up the whole history goes by: one line per campaign ever cancelled would drown the log.
            LOG.logf(cancelled.caughtUp() ? Logger.Level.INFO : Logger.Level.DEBUG,
                    "campaign %s was cancelled at %s: its jobs are dropped, its trial stopped", control.campaignId(),
                    control.at());
        }
        return Verdict.ack();
    }

    /** Runs after the records of a poll were handled, so that caught up means they are in {@link CancelledCampaigns}. */
    @Override
    public void afterPoll(Consumer<byte[], byte[]> consumer) {
        if (cancelled.caughtUp()) {
            return;
        }
        if (end == null) {
            end = consumer.endOffsets(consumer.assignment());
        }
        if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            cancelled.markCaughtUp();
            LOG.infof("read %s to its end: %s", Topics.CAMPAIGN_CONTROL, end);
        }
    }
}
