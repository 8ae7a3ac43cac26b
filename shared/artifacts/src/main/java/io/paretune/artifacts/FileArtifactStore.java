package io.paretune.artifacts;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * The artifact store as a directory (a shared directory locally, a volume in compose). Messages carry paths relative
 * to its root; a path that would escape the root is refused, so a forged message cannot make a service read or write
 * elsewhere.
 *
 * <pre>{@code
 * FileArtifactStore store = new FileArtifactStore(Path.of("/var/lib/paretune/artifacts"));
 * String relative = store.modelPath(campaignId, trialId, attempt);
 * store.writeAtomically(relative, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
 * }</pre>
 */
public final class FileArtifactStore implements ArtifactStore {

    private final Path root;
    private final ArtifactLimits limits;

    public FileArtifactStore(Path root) {
        this(root, ArtifactLimits.DEFAULT);
    }

    public FileArtifactStore(Path root, ArtifactLimits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
    }

    public Path root() {
        return root;
    }

    @Override
    public ArtifactLimits limits() {
        return limits;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /**
     * The absolute path of a relative artifact path.
     *
     * @throws ArtifactPathRefusedException when the path is absolute, leaves the root or passes through a symbolic link
     *                                      below the root (the root itself may be one)
     */
    public Path resolve(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new ArtifactPathRefusedException("empty artifact path");
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute()) {
            throw new ArtifactPathRefusedException("artifact path must be relative to the store: " + relative);
        }
        Path resolved = root.resolve(rel).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ArtifactPathRefusedException("artifact path escapes the store: " + relative);
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
                throw new ArtifactPathRefusedException("artifact path passes through a symbolic link: " + relative);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    /** Writes through a temporary file beside the target and renames it, so that readers never see half a model. */
    @Override
    public void writeAtomically(String relative, FileWriter writer) throws IOException {
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
    }

    /** Reads the file in place: it is already local. The safe loader enforces the size limit on it. */
    @Override
    public <T> T read(String relative, FileReader<T> reader) throws IOException {
        Path file = resolve(relative);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactMissingException(relative, location());
        }
        return reader.read(file);
    }

    @Override
    public OptionalLong size(String relative) throws IOException {
        Path file = resolve(relative);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? OptionalLong.of(Files.size(file))
                : OptionalLong.empty();
    }
}
