package io.paretune.controller.campaign;

import io.paretune.contract.api.CampaignState;

/** Thrown when asked to change a campaign that has already ended. */
public class CampaignFinishedException extends RuntimeException {
    private final CampaignState state;

    public CampaignFinishedException(String campaignId, CampaignState state) {
        super("campaign '" + campaignId + "' is already " + state);
        this.state = state;
    }

    public CampaignState state() {
        return state;
    }
}
