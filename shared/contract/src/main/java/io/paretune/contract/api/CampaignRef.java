package io.paretune.contract.api;

/** {@code {"id": "...", "state": "PENDING"}}: the answer to submitting or cancelling a campaign. */
public record CampaignRef(String id, CampaignState state) {
}
