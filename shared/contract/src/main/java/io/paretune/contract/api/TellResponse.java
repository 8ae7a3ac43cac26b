package io.paretune.contract.api;

import io.paretune.contract.trial.TrialState;

/** The answer to a tell: the trial's final state, and its campaign's (COMPLETED once its last trial was told). */
public record TellResponse(String trialId, int number, TrialState state, CampaignState campaignState) {
}
