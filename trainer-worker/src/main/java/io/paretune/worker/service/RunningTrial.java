package io.paretune.worker.service;

import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialResult;
import io.paretune.worker.training.TrainingPulse;

import java.util.concurrent.CompletableFuture;

/**
 * A trial being trained on the trainer thread. {@code result} completes once the result is stored on the broker,
 * or exceptionally when training was cancelled or the result could not be sent (the job should then go back to
 * the queue).
 */
public record RunningTrial(TrialJob job, int attempt, TrainingPulse pulse, CompletableFuture<TrialResult> result) {
}
