package io.paretune.controller.store;

/** CDI event, fired in the transaction that cancelled a campaign whose workers must be told. */
public record CampaignCancelled(String campaignId) {
}
