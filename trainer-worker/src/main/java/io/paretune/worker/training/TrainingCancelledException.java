package io.paretune.worker.training;

/**
 * Training stopped because its {@link TrainingPulse} was cancelled: the worker is shutting down (the job goes back to
 * the queue, no result is sent) or the trial's campaign was cancelled (the trial ends FAILED).
 */
public class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(String message) {
        super(message);
    }
}
