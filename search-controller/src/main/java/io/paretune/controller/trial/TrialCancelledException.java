package io.paretune.controller.trial;

/**
 * Thrown when a report or tell comes for a trial that ended with its campaign's cancellation. The transaction that
 * throws it is committed, not rolled back: a trial asked before cancellations ended asked trials is ended on the
 * way.
 */
public class TrialCancelledException extends AskTellConflictException {

    public TrialCancelledException(String message) {
        super(message);
    }
}
