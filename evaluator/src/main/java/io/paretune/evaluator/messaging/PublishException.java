package io.paretune.evaluator.messaging;

/** A record the broker did not acknowledge: the consumed offset must not be committed. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
