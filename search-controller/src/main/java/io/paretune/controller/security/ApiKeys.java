package io.paretune.controller.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Static API keys for small installations, read from a secret file of lines {@code NAME ROLE SHA256}: the owner
 * name, its role ({@code viewer}, {@code operator} or {@code admin}) and the SHA-256 of the key in hex. Only digests
 * are stored, so a leaked file does not hand out keys; {@code #} starts a comment. A caller sends the key as
 * {@code Authorization: Bearer KEY}.
 *
 * <pre>{@code
 * # ./paretune up --auth writes such a file; by hand: printf %s "$KEY" | sha256sum
 * alice operator 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
 * }</pre>
 */
public final class ApiKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,100}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    /** Keys shorter than this are refused when hashed at the door: guessing them is cheap. */
    static final int MIN_KEY_LENGTH = 20;

    private final Map<String, Caller> byDigest;

    private ApiKeys(Map<String, Caller> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /** @throws IllegalArgumentException naming the line when the file is malformed */
    public static ApiKeys read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    static ApiKeys parse(List<String> lines, String source) {
        Map<String, Caller> byDigest = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = source + " line " + (i + 1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + ": expected NAME ROLE SHA256, got " + parts.length + " fields");
            }
            if (!NAME.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException(where + ": the name may hold letters, digits and _ . @ - (1 to 100)");
            }
            Role role = Role.fromWire(parts[1]).orElseThrow(() -> new IllegalArgumentException(where
                    + ": unknown role '" + parts[1] + "' (viewer, operator or admin)"));
            String digest = parts[2].toLowerCase(java.util.Locale.ROOT);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException(where + ": the key's SHA-256 must be 64 hex digits");
            }
            if (byDigest.putIfAbsent(digest, new Caller(parts[0], role)) != null) {
                throw new IllegalArgumentException(where + ": the same key twice");
            }
        }
        return new ApiKeys(byDigest);
    }

    /** The caller a presented key belongs to. */
    public Optional<Caller> find(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDigest.get(digest(key)));
    }

    public int size() {
        return byDigest.size();
    }

    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
