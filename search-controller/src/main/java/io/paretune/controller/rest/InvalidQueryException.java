package io.paretune.controller.rest;

import io.paretune.contract.campaign.FieldError;

import java.util.List;

/** Query parameters the API refuses (400), each named. */
public class InvalidQueryException extends RuntimeException {

    static final String INVALID_QUERY = "invalid query";

    private final List<FieldError> errors;

    public InvalidQueryException(List<FieldError> errors) {
        super(INVALID_QUERY + ": " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
