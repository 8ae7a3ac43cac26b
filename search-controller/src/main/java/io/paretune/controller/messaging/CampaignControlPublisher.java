package io.paretune.controller.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Puts {@link CampaignControl}s on {@link Topics#CAMPAIGN_CONTROL}, keyed by campaign id (the topic is compacted: the
 * key is what keeps the latest record per campaign), and waits for the broker's acknowledgement.
 */
@ApplicationScoped
public class CampaignControlPublisher {

    private final Publisher publisher;

    public CampaignControlPublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Returns once the record is stored on the broker.
     *
     * @throws PublishException when it is not within {@code timeout}
     */
    public void publish(CampaignControl control, Duration timeout) {
        publisher.publish(Topics.CAMPAIGN_CONTROL, control.campaignId(), Json.write(control), timeout);
    }
}
