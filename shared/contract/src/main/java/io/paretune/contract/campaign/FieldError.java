package io.paretune.contract.campaign;

/** One thing wrong with a submitted spec: the JSON path of the field ({@code budget.maxTrials}) and what is wrong. */
public record FieldError(String field, String message) {
}
