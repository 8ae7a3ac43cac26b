package io.paretune.contract.campaign;

/**
 * How much a campaign may spend: {@code {"maxTrials": 8, "maxParallel": 2, "maxEpochsPerTrial": 3}}.
 *
 * @param maxParallel trials queued or training at the same time
 */
public record Budget(int maxTrials, int maxParallel, int maxEpochsPerTrial) {
}
