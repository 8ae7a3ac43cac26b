package io.paretune.contract.messaging;

/** A message that cannot be read as the record it claims to be; consumers dead-letter it. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedMessageException(String message) {
        super(message);
    }
}
