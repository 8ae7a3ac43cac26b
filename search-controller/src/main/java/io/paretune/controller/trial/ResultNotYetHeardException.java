package io.paretune.controller.trial;

import io.paretune.contract.messaging.InconsistentMessageException;

/**
 * A score for a trial that is still training and has no model yet. Scores and results travel on different topics,
 * so a genuine score can overtake the result it answers: the consumer tries it again a few times before it
 * dead-letters it like any other inconsistent message.
 */
public class ResultNotYetHeardException extends InconsistentMessageException {
    public ResultNotYetHeardException(String message) {
        super(message);
    }
}
