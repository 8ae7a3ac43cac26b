package io.paretune.artifacts;

import java.nio.file.NoSuchFileException;

/** There is no artifact under the key: never written, deleted, or written to another store. */
public class ArtifactMissingException extends NoSuchFileException {

    public ArtifactMissingException(String key, String location) {
        super(key, null, "not in the artifact store " + location);
    }
}
