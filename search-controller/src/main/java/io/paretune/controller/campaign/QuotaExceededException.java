package io.paretune.controller.campaign;

/** A submission that would take its owner past a quota ({@link QuotaConfig}): 429, nothing stored. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
