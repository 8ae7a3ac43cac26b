package io.paretune.controller.model;

/** The artifact store could not be read (unreachable, access denied): the model may be there; try again later. */
public class ModelStoreUnavailableException extends RuntimeException {

    public ModelStoreUnavailableException(String message) {
        super(message);
    }
}
