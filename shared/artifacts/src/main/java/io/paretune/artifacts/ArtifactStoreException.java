package io.paretune.artifacts;

import java.io.IOException;

/**
 * The store failed, not the artifact: unreachable, access denied, no such bucket. Its message names the key and the
 * store's location and nothing local, so it can travel in a failure reason.
 */
public class ArtifactStoreException extends IOException {

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
