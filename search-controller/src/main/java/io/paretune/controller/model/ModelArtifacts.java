package io.paretune.controller.model;

import io.paretune.artifacts.ArtifactMissingException;
import io.paretune.artifacts.ArtifactPathRefusedException;
import io.paretune.artifacts.ArtifactStore;
import io.paretune.artifacts.ArtifactStoreException;
import io.paretune.artifacts.ArtifactStores;
import io.paretune.controller.config.ArtifactsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The artifact store as the controller sees it: read only, the store the workers write models into
 * ({@code paretune.artifacts.*}: a shared directory or S3-compatible object storage). A recorded path must stay inside
 * the store (a worker's result is a message, and a message may be forged); a file is served only when it hashes to the
 * SHA-256 the evaluator recorded for it.
 *
 * <pre>{@code
 * try (VerifiedModel model = artifacts.open(scored)) {   // 410 gone, 409 not the scored file or outside the store
 *     model.writeTo(out);
 * }
 * }</pre>
 */
@ApplicationScoped
public class ModelArtifacts {

    private final ArtifactStore store;

    @Inject
    public ModelArtifacts(ArtifactsConfig config) {
        this(ArtifactStores.open(config));
    }

    public ModelArtifacts(ArtifactStore store) {
        this.store = store;
    }

    public ArtifactStore store() {
        return store;
    }

    @PreDestroy
    void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * Fetches the scored file (a local file is read in place) and hashes it whole.
     *
     * @throws ModelFileMissingException     when there is no such file
     * @throws ModelFileRefusedException     when its path leaves the store or its bytes are not the scored ones
     * @throws ModelStoreUnavailableException when the store cannot be read (unreachable, access denied)
     */
    public VerifiedModel open(ScoredModel model) {
        String key = model.artifactPath();
        if (key == null || key.isBlank()) {
            throw new ModelFileRefusedException("the trial has no artifact path");
        }
        try {
            return store.read(key, file -> verify(model, file));
        } catch (ArtifactPathRefusedException e) {
            throw outside(key);
        } catch (ArtifactMissingException e) {
            throw missing(model);
        } catch (ArtifactStoreException e) {
            throw new ModelStoreUnavailableException("the artifact store " + store.location() + " cannot serve the "
                    + "model of trial " + model.number() + " now: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFileRefusedException("cannot read the model file " + key + " of trial " + model.number()
                    + ": " + e.getMessage());
        }
    }

    /**
     * Opens the channel the download will read and hashes it. The channel is opened while {@code file} exists and
     * stays readable after the call: a copy an object store staged for the call is deleted when it returns, and an
     * open file outlives its name on the POSIX file systems the services run on.
     */
    private static VerifiedModel verify(ScoredModel model, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            String actual = sha256(channel, size);
            if (!actual.equals(model.sha256())) {
                throw new ModelFileRefusedException("the model file " + model.artifactPath() + " of trial "
                        + model.number() + " is not the file the evaluator scored: its SHA-256 is " + actual
                        + ", the score's " + model.sha256() + "; it is not served");
            }
            return new VerifiedModel(channel, size, actual, model.fileName());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The file's size when it is in the store; empty when it is not, its path is refused or the store is unreachable. */
    public Optional<Long> size(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        try {
            var size = store.size(key);
            return size.isPresent() ? Optional.of(size.getAsLong()) : Optional.empty();
        } catch (ArtifactPathRefusedException | IOException e) {
            return Optional.empty();
        }
    }

    private static ModelFileRefusedException outside(String key) {
        return new ModelFileRefusedException("the trial's artifact path '" + key + "' leads out of the artifact "
                + "store; it is not served");
    }

    private static ModelFileMissingException missing(ScoredModel model) {
        return new ModelFileMissingException("the model of trial " + model.number() + " (" + model.artifactPath()
                + ") is no longer in the artifact store");
    }

    private static String sha256(FileChannel channel, long size) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        while (position < size) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), size - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("the file ended after " + position + " of " + size + " bytes");
            }
            buffer.flip();
            digest.update(buffer);
            position += read;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the error being reported matters more
        }
    }
}
