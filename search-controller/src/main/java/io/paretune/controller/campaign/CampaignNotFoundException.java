package io.paretune.controller.campaign;

public class CampaignNotFoundException extends RuntimeException {
    private final String campaignId;

    public CampaignNotFoundException(String campaignId) {
        super("no campaign with id '" + campaignId + "'");
        this.campaignId = campaignId;
    }

    public String campaignId() {
        return campaignId;
    }
}
