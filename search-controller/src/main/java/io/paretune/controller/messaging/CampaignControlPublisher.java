package io.paretune.controller.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts {@link CampaignControl}s on {@link Topics#CAMPAIGN_CONTROL}, keyed by campaign id (the topic is compacted: the
 * key is what keeps the latest record per campaign), and waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class CampaignControlPublisher {

    private final KafkaClients clients;

    public CampaignControlPublisher(KafkaClients clients) {
        this.clients = clients;
    }

    /** Returns once the record is stored on the broker; throws when it is not within {@code timeout}. */
    public void publish(CampaignControl control, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        clients.producer().send(new ProducerRecord<>(Topics.CAMPAIGN_CONTROL, control.campaignId(), Json.write(control)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
