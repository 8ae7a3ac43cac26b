package io.paretune.contract.campaign;

import io.paretune.contract.messaging.CampaignMessage;
import io.paretune.contract.messaging.Message;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a whole campaign that its workers must act on, on {@code paretune.campaign-control}: today only
 * that it was {@link Action#CANCELLED}. The controller publishes it once the cancellation is committed, keyed by
 * campaign id on a compacted topic, so that the latest record per campaign stays there for good and a worker that
 * starts later still learns of it by reading the topic from its beginning. A worker then takes no job of the campaign
 * and stops the one it trains, reporting it {@code FAILED} with {@link #CANCELLED_REASON}.
 *
 * <pre>{@code
 * producer.send(new ProducerRecord<>(Topics.CAMPAIGN_CONTROL, id, Json.write(CampaignControl.cancelled(id, now))));
 * CampaignControl control = Json.read(record.value(), CampaignControl.class);
 * }</pre>
 *
 * @param at when the campaign was cancelled
 */
public record CampaignControl(int schemaVersion, String campaignId, Action action, Instant at)
        implements CampaignMessage {

    /** Why the trials a cancellation ends have failed, wherever they end: controller or worker. */
    public static final String CANCELLED_REASON = "campaign cancelled";

    public enum Action {
        /** The campaign was cancelled: none of its jobs should be trained any more. */
        CANCELLED
    }

    public CampaignControl {
        Objects.requireNonNull(action, "action");
    }

    public static CampaignControl cancelled(String campaignId, Instant at) {
        return new CampaignControl(Message.CURRENT_SCHEMA_VERSION, campaignId, Action.CANCELLED, at);
    }
}
