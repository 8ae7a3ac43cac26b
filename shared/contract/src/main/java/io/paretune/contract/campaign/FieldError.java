package io.paretune.contract.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing wrong with a submitted spec: the JSON path of the field ({@code budget.maxTrials}) and what is wrong. */
@Schema(requiredProperties = {"field", "message"})
public record FieldError(
        @Schema(description = "A JSON path such as budget.maxTrials or values.loss; body when the body is not JSON "
                + "at all, empty when it is JSON but not an object")
        String field,
        String message) {
}
