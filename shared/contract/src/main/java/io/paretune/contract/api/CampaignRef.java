package io.paretune.contract.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"id": "...", "state": "PENDING"}}: the answer to submitting or cancelling a campaign. */
@Schema(requiredProperties = {"id", "state"})
public record CampaignRef(String id, CampaignState state) {
}
