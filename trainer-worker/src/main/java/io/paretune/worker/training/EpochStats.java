package io.paretune.worker.training;

/**
 * What one epoch of a trial gave.
 *
 * @param trainLoss         mean cross-entropy over the epoch's minibatches, each measured just before its update
 * @param trainAccuracy     share of the epoch's training images classified right, measured the same way
 * @param valLoss           cross-entropy on the validation images after the epoch; null without validation images
 * @param valAccuracy       accuracy on the validation images after the epoch; null without validation images
 * @param epochSeconds      wall time of the training pass (shuffle and minibatches), validation excluded
 * @param samplesPerSecond  training images per second of {@code epochSeconds}
 * @param validationSeconds wall time of the validation pass
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, Double valLoss, Double valAccuracy,
                         double epochSeconds, double samplesPerSecond, double validationSeconds) {
}
