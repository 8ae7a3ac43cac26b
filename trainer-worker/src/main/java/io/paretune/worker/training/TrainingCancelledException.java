package io.paretune.worker.training;

/** Training stopped because the worker is shutting down; the job goes back to the queue, no result is sent. */
public class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(String message) {
        super(message);
    }
}
