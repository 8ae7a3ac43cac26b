package io.paretune.cli;

import java.util.List;

/** A failure the CLI reports as a message (never a stack trace) and an exit status. */
class CliException extends RuntimeException {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final int exitCode;
    private final List<String> details;

    CliException(String message) {
        this(message, FAILURE, List.of());
    }

    CliException(String message, int exitCode, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    int exitCode() {
        return exitCode;
    }

    /** Extra lines printed under the message, e.g. one per rejected field. */
    List<String> details() {
        return details;
    }
}
