package io.paretune.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paretune.contract.campaign.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Every error body: {@code {"error": "invalid campaign spec", "fieldErrors": [{"field": "budget.maxTrials",
 * "message": "..."}]}}; {@code fieldErrors} only on 400.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = "error")
public record ErrorResponse(
        String error,
        @Schema(description = "Every bad field, on 400 only") List<FieldError> fieldErrors) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, null);
    }
}
