package io.paretune.controller.model;

/** The trial exists but has no scored model to serve: not trained or not scored yet, failed, pruned, or external. */
public class ModelNotScoredException extends RuntimeException {

    public ModelNotScoredException(String message) {
        super(message);
    }
}
