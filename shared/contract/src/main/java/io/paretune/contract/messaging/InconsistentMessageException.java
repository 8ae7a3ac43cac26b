package io.paretune.contract.messaging;

/**
 * A message that reads well but contradicts what its reader knows: a path that is not the one derived for its trial,
 * an attempt that was never dispatched, an epoch outside the job's bounds. Forged or buggy, it is never applied:
 * consumers dead-letter it like a {@link MalformedMessageException}, its class telling the two apart on the
 * dead-letter topic.
 *
 * <pre>{@code
 * if (!ArtifactPaths.model(c, t, segment, attempt).equals(result.artifactPath())) {
 *     throw new InconsistentMessageException("artifactPath is not the one derived for ...");
 * }
 * }</pre>
 */
public class InconsistentMessageException extends MalformedMessageException {
    public InconsistentMessageException(String message) {
        super(message);
    }
}
