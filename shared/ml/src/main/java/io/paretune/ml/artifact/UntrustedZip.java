package io.paretune.ml.artifact;

import io.paretune.artifacts.ArtifactLimits;
import io.paretune.artifacts.InvalidArtifactException;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A model or checkpoint zip that may have been written by anyone who can write to the artifact store. Opening it
 * refuses a link, a file over {@link ArtifactLimits#maxFileBytes()}, more entries than allowed, any entry its reader
 * does not expect, and any entry DL4J would hand to an {@code ObjectInputStream}. Reading counts every byte
 * inflated, from this zip and from zips nested in it, against {@link ArtifactLimits#maxUncompressedBytes()}: the
 * sizes in the zip's own directory can lie.
 *
 * <pre>{@code
 * try (UntrustedZip zip = UntrustedZip.open(file, Set.of("state.json", "network.zip")::contains, limits)) {
 *     byte[] state = zip.read("state.json", limits.maxJsonBytes());
 *     MultiLayerNetwork net = NetworkReader.read(zip, "network.zip");
 * }
 * }</pre>
 */
public final class UntrustedZip implements Closeable {

    /**
     * Entries DL4J's {@code ModelSerializer} deserializes with an unfiltered {@code ObjectInputStream}: naming them
     * in the refusal tells an operator this was an attack or a foreign model, not a corrupt one.
     */
    static final Set<String> JAVA_SERIALIZED = Set.of("preprocessor.bin", "normalizer.bin", "updater.bin");

    private final ZipFile zip;
    private final Set<String> names;
    private final ArtifactLimits limits;
    private long inflated;

    private UntrustedZip(ZipFile zip, Set<String> names, ArtifactLimits limits) {
        this.zip = zip;
        this.names = names;
        this.limits = limits;
    }

    /**
     * @param allowed the entry names the reader knows; any other entry refuses the whole file
     * @throws java.nio.file.NoSuchFileException when there is no file
     * @throws InvalidArtifactException          when the file is refused; the message names no path
     */
    public static UntrustedZip open(Path file, Predicate<String> allowed, ArtifactLimits limits) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new InvalidArtifactException("the file is a symbolic link; links are not followed");
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidArtifactException("not a regular file");
        }
        if (attributes.size() > limits.maxFileBytes()) {
            throw new InvalidArtifactException("the file has " + attributes.size() + " bytes, more than the "
                    + limits.maxFileBytes() + " allowed");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidArtifactException("not a readable zip: " + e.getMessage(), e);
        }
        try {
            return new UntrustedZip(zip, entryNames(zip, allowed, limits), limits);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static Set<String> entryNames(ZipFile zip, Predicate<String> allowed, ArtifactLimits limits)
            throws InvalidArtifactException {
        if (zip.size() > limits.maxEntries()) {
            throw new InvalidArtifactException("the zip has " + zip.size() + " entries, more than the "
                    + limits.maxEntries() + " allowed");
        }
        Set<String> names = new LinkedHashSet<>();
        long declared = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            String name = checkName(entry.getName(), allowed);
            if (!names.add(name)) {
                throw new InvalidArtifactException("the zip holds entry " + name + " twice");
            }
            declared += Math.max(0, entry.getSize());
            if (declared > limits.maxUncompressedBytes()) {
                throw new InvalidArtifactException("the zip declares more than the " + limits.maxUncompressedBytes()
                        + " uncompressed bytes allowed");
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** {@code name}, when the reader expects an entry of that name. */
    static String checkName(String name, Predicate<String> allowed) throws InvalidArtifactException {
        if (JAVA_SERIALIZED.contains(name)) {
            throw new InvalidArtifactException("entry " + name + " holds Java-serialized objects, which are never "
                    + "read");
        }
        if (!allowed.test(name)) {
            throw new InvalidArtifactException("unexpected entry " + printable(name));
        }
        return name;
    }

    /** An entry name fit for a message: at most 100 characters, control characters replaced. */
    private static String printable(String name) {
        String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    public Set<String> names() {
        return names;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    public ArtifactLimits limits() {
        return limits;
    }

    /** An entry's bytes, refusing more than {@code max} whatever the zip's directory claims. */
    public byte[] read(String name, int max) throws IOException {
        try (InputStream in = open(name)) {
            return readAtMost(in, name, max);
        }
    }

    /** An entry's inflated bytes, counted against the limit; the caller bounds what it reads of them. */
    public InputStream open(String name) throws IOException {
        ZipEntry entry = names.contains(name) ? zip.getEntry(name) : null;
        if (entry == null) {
            throw new InvalidArtifactException("the zip has no " + name);
        }
        try {
            return counted(zip.getInputStream(entry));
        } catch (ZipException e) {
            throw new InvalidArtifactException("entry " + name + " is unreadable: " + e.getMessage(), e);
        }
    }

    static byte[] readAtMost(InputStream in, String name, int max) throws IOException {
        byte[] bytes = in.readNBytes(max);
        if (in.read() != -1) {
            throw new InvalidArtifactException(name + " is larger than the " + max + " bytes allowed");
        }
        return bytes;
    }

    /** {@code in}, every byte read from it counted against {@link ArtifactLimits#maxUncompressedBytes()}. */
    InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    count(read);
                }
                return read;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }
        };
    }

    private void count(long bytes) throws InvalidArtifactException {
        inflated += bytes;
        if (inflated > limits.maxUncompressedBytes()) {
            throw new InvalidArtifactException("the zip inflates to more than the " + limits.maxUncompressedBytes()
                    + " bytes allowed");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
