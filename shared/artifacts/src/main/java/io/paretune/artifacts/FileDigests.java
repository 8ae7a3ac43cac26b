package io.paretune.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A file's digest, read in one pass.
 *
 * <pre>{@code
 * byte[] sha256 = FileDigests.digest(file, "SHA-256");
 * }</pre>
 */
public final class FileDigests {

    private FileDigests() {
    }

    /** @param algorithm one every Java platform has (MD5, SHA-256) */
    public static byte[] digest(Path file, String algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }
}
