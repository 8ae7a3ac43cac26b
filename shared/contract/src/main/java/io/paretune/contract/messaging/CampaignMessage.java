package io.paretune.contract.messaging;

/**
 * What every message on a Paretune topic carries: its schema version and the campaign it belongs to. Messages about
 * one trial are {@link Message}s; a message about a whole campaign (a
 * {@link io.paretune.contract.campaign.CampaignControl}) has no trial.
 *
 * <pre>{@code
 * CampaignControl control = Json.read(bytes, CampaignControl.class); // checks schemaVersion and campaignId
 * }</pre>
 */
public interface CampaignMessage {
    /** Version of the message schema; {@link Json#read} refuses versions it does not know. */
    int schemaVersion();

    String campaignId();
}
