package io.paretune.controller.rest;

import io.paretune.controller.campaign.CampaignState;

/** {@code {"id": "...", "state": "PENDING"}}: the answer to submitting or cancelling a campaign. */
public record CampaignRef(String id, CampaignState state) {
}
