package io.paretune.controller.campaign;

import io.paretune.contract.campaign.FieldError;

import java.util.List;

/** A submitted spec with everything that is wrong with it, each by field path. */
public class InvalidCampaignSpecException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidCampaignSpecException(List<FieldError> errors) {
        super("invalid campaign spec: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
