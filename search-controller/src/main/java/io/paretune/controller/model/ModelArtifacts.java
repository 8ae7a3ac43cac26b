package io.paretune.controller.model;

import io.paretune.controller.config.ArtifactsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The artifact store as the controller sees it: read only, the directory the workers write models into
 * ({@code paretune.artifacts.dir}). A recorded path is resolved against its root and must stay inside it, links
 * followed (a worker's result is a message, and a message may be forged); a file is served only when it hashes to the
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

    private final Path root;

    @Inject
    public ModelArtifacts(ArtifactsConfig config) {
        this(Path.of(config.dir()));
    }

    ModelArtifacts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Opens the scored file after hashing it whole.
     *
     * @throws ModelFileMissingException when there is no such file
     * @throws ModelFileRefusedException when its path leaves the store or its bytes are not the scored ones
     */
    public VerifiedModel open(ScoredModel model) {
        Path file = resolve(model.artifactPath());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw missing(model);
        } catch (IOException e) {
            throw new ModelFileRefusedException("cannot read the model file " + model.artifactPath() + " of trial "
                    + model.number() + ": " + e.getMessage());
        }
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
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ModelFileRefusedException("cannot read the model file " + model.artifactPath() + " of trial "
                    + model.number() + ": " + e.getMessage());
        }
    }

    /** The file's size when it is in the store; empty when it is not (or its path is refused). */
    public Optional<Long> size(String relative) {
        try {
            Path file = resolve(relative);
            return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
        } catch (ModelFileRefusedException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The absolute file of a path relative to the store; refused when it is absolute, leaves the root, or reaches
     * outside through a link.
     */
    Path resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new ModelFileRefusedException("the trial has no artifact path");
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw outside(relative);
        }
        Path resolved = root.resolve(rel).normalize();
        if (rel.isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)) {
            throw outside(relative);
        }
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path real = resolved.toRealPath();
                Path realRoot = root.toRealPath();
                if (!real.startsWith(realRoot)) {
                    throw outside(relative);
                }
                return real;
            } catch (IOException e) {
                return resolved; // vanished meanwhile: opening it reports it missing
            }
        }
        return resolved;
    }

    private static ModelFileRefusedException outside(String relative) {
        return new ModelFileRefusedException("the trial's artifact path '" + relative + "' leads out of the artifact "
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
