package io.paretune.worker.training;

/**
 * How a training attempt ended: a saved (compressed) model with its figures, a checkpoint (the segment reached its
 * stop epoch before the trial's last), or the reason it failed.
 *
 * @param trained         true when training went well (a model or a checkpoint was saved)
 * @param artifactPath    the final model, relative to the artifact store; null when failed or checkpointed
 * @param epochsTrained   epochs of the whole trial run so far (the failing one included)
 * @param bestEpoch       epoch whose parameters were kept; 0 when none finished
 * @param trainSeconds    wall time of all segments of the trial up to the saved model or checkpoint
 * @param bestValLoss     validation loss of the kept parameters; null without validation images or when failed early
 * @param valAccuracy     validation accuracy of the kept parameters
 * @param paramCount      trainable parameters of the dense architecture (before any pruning); 0 when it was never
 *                        built
 * @param checkpointPath  where the next segment resumes from, relative to the artifact store; null unless checkpointed
 * @param lastValLoss     validation loss after epoch {@code epochsTrained}; null without validation images
 * @param lastValAccuracy validation accuracy after epoch {@code epochsTrained}
 * @param uncompressedValAccuracy validation accuracy of the model before compression (see
 *                        {@link TrialCompression#uncompressedValAccuracy}); null unless a model was saved
 * @param prunedAfterEpoch the last dense epoch before one-shot pruning; null unless a model pruned that way was saved
 */
public record TrainingOutcome(boolean trained, String failureReason, String artifactPath, int epochsTrained,
                              int bestEpoch, boolean stoppedEarly, double trainSeconds, Double bestValLoss,
                              Double valAccuracy, long paramCount, String checkpointPath, Double lastValLoss,
                              Double lastValAccuracy, Double uncompressedValAccuracy, Integer prunedAfterEpoch) {

    public static TrainingOutcome failed(String reason, int epochsTrained, int bestEpoch, double trainSeconds,
                                         long paramCount) {
        return new TrainingOutcome(false, reason, null, epochsTrained, bestEpoch, false, trainSeconds, null, null,
                paramCount, null, null, null, null, null);
    }

    /** True when the segment ended with a checkpoint and the trial goes on (if the controller says so). */
    public boolean checkpointed() {
        return trained && checkpointPath != null;
    }
}
