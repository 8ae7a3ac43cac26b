package io.paretune.controller.model;

/** The trial was scored, but its model file is no longer in the artifact store. */
public class ModelFileMissingException extends RuntimeException {

    public ModelFileMissingException(String message) {
        super(message);
    }
}
