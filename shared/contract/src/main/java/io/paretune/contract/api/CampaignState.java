package io.paretune.contract.api;

/** Life of a campaign: PENDING until its first trial is dispatched, then RUNNING until it ends one of three ways. */
public enum CampaignState {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
