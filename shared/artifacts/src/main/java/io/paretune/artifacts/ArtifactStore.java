package io.paretune.artifacts;

import io.paretune.contract.trial.ArtifactPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where workers write trained models and checkpoints and the evaluator reads them: a directory every service shares
 * ({@link FileArtifactStore}) or S3-compatible object storage ({@link S3ArtifactStore}), so that services on other
 * machines need no shared file system. Messages carry keys relative to the store (derived by {@link ArtifactPaths});
 * a key that would leave the store is refused. Artifacts are written and read through local files, because the safe
 * loader opens zips from a file.
 *
 * <pre>{@code
 * ArtifactStore store = new FileArtifactStore(Path.of("/var/lib/paretune/artifacts"));
 * String key = store.modelPath(campaignId, trialId, attempt);
 * store.writeAtomically(key, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
 * CompressedModel model = store.read(key, file -> CompressedArtifact.read(file, store.limits()));
 * }</pre>
 */
public interface ArtifactStore {

    /** What readers of this store's models and checkpoints accept. */
    ArtifactLimits limits();

    /** Where the model of one attempt of a trial lives ({@link ArtifactPaths#model}). */
    default String modelPath(String campaignId, String trialId, int attempt) {
        return ArtifactPaths.model(campaignId, trialId, 0, attempt);
    }

    /** Where the model of one attempt of one segment of a trial lives ({@link ArtifactPaths#model}). */
    default String modelPath(String campaignId, String trialId, int segment, int attempt) {
        return ArtifactPaths.model(campaignId, trialId, segment, attempt);
    }

    /** Where the checkpoint one attempt took after {@code epoch} lives ({@link ArtifactPaths#checkpoint}). */
    default String checkpointPath(String campaignId, String trialId, int epoch, int attempt) {
        return ArtifactPaths.checkpoint(campaignId, trialId, epoch, attempt);
    }

    /**
     * Lets {@code writer} fill a temporary file, then publishes it under {@code key} whole, replacing what was there:
     * readers see the previous artifact or the new one, never part of one. Nothing is published when the writer fails.
     *
     * @throws ArtifactPathRefusedException when the key leaves the store
     * @throws ArtifactStoreException       when the store cannot take it (unreachable, access denied)
     */
    void writeAtomically(String key, FileWriter writer) throws IOException;

    /**
     * Hands {@code reader} a local file holding the artifact, refused before it is fetched when it is larger than
     * {@link ArtifactLimits#maxFileBytes()}. The file is only valid during the call.
     *
     * @throws ArtifactMissingException     when there is no artifact under {@code key}
     * @throws ArtifactPathRefusedException when the key leaves the store
     * @throws ArtifactStoreException       when the store cannot be read (unreachable, access denied)
     */
    <T> T read(String key, FileReader<T> reader) throws IOException;

    /** The artifact's size in bytes; empty when there is none under {@code key}. */
    OptionalLong size(String key) throws IOException;

    /** Where the store keeps its artifacts, for logs and messages: a directory or an {@code s3://} location. */
    String location();

    /** Something that writes a file. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Something that reads a file. */
    @FunctionalInterface
    interface FileReader<T> {
        T read(Path file) throws IOException;
    }
}
