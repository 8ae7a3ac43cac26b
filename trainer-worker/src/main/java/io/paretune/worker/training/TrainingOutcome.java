package io.paretune.worker.training;

/**
 * How a training attempt ended: a saved model with its figures, or the reason it failed.
 *
 * @param artifactPath  the model, relative to the artifact store; null when failed
 * @param epochsTrained epochs run (the failing one included)
 * @param bestEpoch     epoch whose parameters were kept; 0 when none finished
 * @param trainSeconds  wall time from the start of the attempt to the saved model
 * @param bestValLoss   validation loss of the kept parameters; null without validation images or when failed early
 * @param valAccuracy   validation accuracy of the kept parameters
 * @param paramCount    trainable parameters of the network; 0 when it was never built
 */
public record TrainingOutcome(boolean trained, String failureReason, String artifactPath, int epochsTrained,
                              int bestEpoch, boolean stoppedEarly, double trainSeconds, Double bestValLoss,
                              Double valAccuracy, long paramCount) {

    public static TrainingOutcome failed(String reason, int epochsTrained, int bestEpoch, double trainSeconds,
                                         long paramCount) {
        return new TrainingOutcome(false, reason, null, epochsTrained, bestEpoch, false, trainSeconds, null, null,
                paramCount);
    }
}
