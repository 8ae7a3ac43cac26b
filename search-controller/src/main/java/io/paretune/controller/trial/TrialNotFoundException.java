package io.paretune.controller.trial;

/** Thrown when a campaign has no trial of that id (it is unknown, or it belongs to another campaign). */
public class TrialNotFoundException extends RuntimeException {

    public TrialNotFoundException(String campaignId, String trialId) {
        super("campaign '" + campaignId + "' has no trial with id '" + trialId + "'");
    }
}
