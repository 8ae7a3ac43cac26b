package io.paretune.contract.api;

import io.paretune.contract.trial.TrialState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a tell: the trial's final state, and its campaign's (COMPLETED once its last trial was told). */
@Schema(requiredProperties = {"trialId", "number", "state", "campaignState"})
public record TellResponse(String trialId, int number, TrialState state, CampaignState campaignState) {
}
