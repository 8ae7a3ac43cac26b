package io.paretune.contract.api;

/**
 * A model download that did not end with a verified file: the bytes received do not hash to the SHA-256 the
 * controller announced, the answer carried no such hash, the transfer broke, or the file could not be written. No
 * file is left at the target in any of these cases.
 */
public class ModelDownloadException extends RuntimeException {

    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
