package io.paretune.controller.cli;

import java.util.List;

/** The controller did not answer at all: watching retries these, other commands report them. */
final class ControllerUnreachableException extends CliException {

    ControllerUnreachableException(String message) {
        super(message, FAILURE, List.of());
    }
}
