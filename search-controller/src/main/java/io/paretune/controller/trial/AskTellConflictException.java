package io.paretune.controller.trial;

/**
 * Thrown when an ask, report or tell cannot be applied in the state the campaign or trial is in (budget spent,
 * {@code maxParallel} trials pending, trial already finished, a pipeline campaign); the message says why and what
 * to do instead.
 */
public class AskTellConflictException extends RuntimeException {

    public AskTellConflictException(String message) {
        super(message);
    }
}
