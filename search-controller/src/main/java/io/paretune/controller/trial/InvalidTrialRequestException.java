package io.paretune.controller.trial;

import io.paretune.contract.campaign.FieldError;

import java.util.List;

/** Thrown when a report or tell body is malformed, naming every bad field ({@code values.loss}, {@code step}). */
public class InvalidTrialRequestException extends RuntimeException {

    public static final String INVALID_REPORT = "invalid report";
    public static final String INVALID_TELL = "invalid tell";

    private final String error;
    private final List<FieldError> errors;

    /** @param error what was refused: {@link #INVALID_REPORT} or {@link #INVALID_TELL} */
    public InvalidTrialRequestException(String error, List<FieldError> errors) {
        super(error + ": " + errors);
        this.error = error;
        this.errors = List.copyOf(errors);
    }

    public String error() {
        return error;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
