package io.paretune.controller.store;

/** CDI event, fired in the transaction that stored a new campaign. */
public record CampaignSubmitted(String campaignId) {
}
