package io.paretune.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * API keys for the controller the benchmark starts: one per client, so that each client is a caller of its own with
 * its own write rate and quotas, as separate users would be. The controller's file holds {@code NAME ROLE SHA256}
 * lines, never the keys.
 */
final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String newKey() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** Writes {@code keys} (name to key) as operators to {@code file}. */
    static void writeOperators(Path file, Map<String, String> keys) throws IOException {
        StringBuilder lines = new StringBuilder();
        keys.forEach((name, key) -> lines.append(name).append(" operator ").append(sha256(key)).append('\n'));
        Files.writeString(file, lines, StandardCharsets.UTF_8);
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
