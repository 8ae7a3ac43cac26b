package io.paretune.controller.model;

/**
 * The file at the trial's artifact path is not served: it is not the file the evaluator scored (its SHA-256 differs),
 * or the recorded path leads out of the artifact store.
 */
public class ModelFileRefusedException extends RuntimeException {

    public ModelFileRefusedException(String message) {
        super(message);
    }
}
