package io.paretune.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paretune.contract.campaign.FieldError;

import java.util.List;

/**
 * Every error body: {@code {"error": "invalid campaign spec", "fieldErrors": [{"field": "budget.maxTrials",
 * "message": "..."}]}}; {@code fieldErrors} only on 400.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, List<FieldError> fieldErrors) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, null);
    }
}
