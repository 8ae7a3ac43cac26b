package io.paretune.ml.model;

import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.ml.artifact.ArtifactLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The directory where workers write trained models and the evaluator reads them (a shared directory locally, a
 * volume in compose). Messages carry paths relative to its root; a path that would escape the root is refused, so
 * a forged message cannot make a service read or write elsewhere.
 *
 * <pre>{@code
 * ArtifactStore store = new ArtifactStore(Path.of("/var/lib/paretune/artifacts"));
 * String relative = store.modelPath(campaignId, trialId, attempt);
 * store.writeAtomically(relative, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
 * }</pre>
 */
public final class ArtifactStore {

    private final Path root;
    private final ArtifactLimits limits;

    public ArtifactStore(Path root) {
        this(root, ArtifactLimits.DEFAULT);
    }

    public ArtifactStore(Path root, ArtifactLimits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
    }

    public Path root() {
        return root;
    }

    /** What readers of this store's models and checkpoints accept. */
    public ArtifactLimits limits() {
        return limits;
    }

    /** Where the model of one attempt of a trial lives, relative to the root ({@link ArtifactPaths#model}). */
    public String modelPath(String campaignId, String trialId, int attempt) {
        return ArtifactPaths.model(campaignId, trialId, 0, attempt);
    }

    /** Where the model of one attempt of one segment of a trial lives ({@link ArtifactPaths#model}). */
    public String modelPath(String campaignId, String trialId, int segment, int attempt) {
        return ArtifactPaths.model(campaignId, trialId, segment, attempt);
    }

    /** Where the checkpoint one attempt took after {@code epoch} lives ({@link ArtifactPaths#checkpoint}). */
    public String checkpointPath(String campaignId, String trialId, int epoch, int attempt) {
        return ArtifactPaths.checkpoint(campaignId, trialId, epoch, attempt);
    }

    /**
     * The absolute path of a relative artifact path.
     *
     * @throws IllegalArgumentException when the path is absolute, leaves the root or passes through a symbolic link
     *                                  below the root (the root itself may be one)
     */
    public Path resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new IllegalArgumentException("empty artifact path");
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute()) {
            throw new IllegalArgumentException("artifact path must be relative to the store: " + relative);
        }
        Path resolved = root.resolve(rel).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("artifact path escapes the store: " + relative);
        }
        refuseLinks(resolved, relative);
        return resolved;
    }

    /**
     * Refuses a path with a symbolic link anywhere between the root and itself: a link planted in the store (by
     * anyone who can write there) would otherwise lead a reader or writer outside it.
     */
    private void refuseLinks(Path resolved, String relative) {
        Path current = root;
        for (Path part : root.relativize(resolved)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IllegalArgumentException("artifact path passes through a symbolic link: " + relative);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    /** Something that writes a file. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Writes through a temporary file and renames it, so that readers never see half a model. */
    public Path writeAtomically(String relative, FileWriter writer) throws IOException {
        Path target = resolve(relative);
        Files.createDirectories(target.getParent());
        refuseLinks(target, relative); // a link may have been planted while the directories were created
        Path tmp = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
