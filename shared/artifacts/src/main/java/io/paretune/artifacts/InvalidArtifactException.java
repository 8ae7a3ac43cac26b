package io.paretune.artifacts;

import java.io.IOException;

/**
 * A compressed model or a mask file that cannot be trusted: malformed, inconsistent with its own configuration, or
 * declaring more than the reader's bounds allow. Nothing of it was used.
 *
 * <pre>{@code
 * try {
 *     CompressedModel model = CompressedArtifact.read(file);
 * } catch (InvalidArtifactException e) {
 *     fail("refused " + file + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class InvalidArtifactException extends IOException {

    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
