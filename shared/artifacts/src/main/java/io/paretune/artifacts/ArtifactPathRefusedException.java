package io.paretune.artifacts;

/**
 * A store refused an artifact path before touching anything: empty, absolute, leaving the store or passing through a
 * link. The path came from a message, so the message is at fault, not the artifact.
 */
public class ArtifactPathRefusedException extends IllegalArgumentException {

    public ArtifactPathRefusedException(String message) {
        super(message);
    }
}
