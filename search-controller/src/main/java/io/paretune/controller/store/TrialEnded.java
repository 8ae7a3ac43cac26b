package io.paretune.controller.store;

import io.paretune.contract.trial.TrialState;

import java.time.Instant;

/** CDI event, fired in the transaction that moved a trial to a finished state. */
public record TrialEnded(String campaignId, TrialState state, Instant dispatchedAt, Instant finishedAt) {
}
