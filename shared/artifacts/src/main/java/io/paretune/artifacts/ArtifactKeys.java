package io.paretune.artifacts;

import java.nio.charset.StandardCharsets;

/**
 * Checks a key before any store uses it. Keys come from messages, and a message may be forged: a key is a relative
 * path of plain segments, so that no store, whatever it does with {@code ..} or a leading {@code /}, ever reads or
 * writes outside itself. That a key belongs to its message's campaign and trial is checked by comparing it with the
 * key {@code ArtifactPaths} derives from them.
 *
 * <pre>{@code
 * String key = ArtifactKeys.check(result.artifactPath());   // "c/t/model-attempt-1.zip", or refused
 * }</pre>
 */
public final class ArtifactKeys {

    /** S3's own bound on a key, in UTF-8 bytes; the store's prefix counts against it too. */
    static final int MAX_KEY_BYTES = 1024;

    private ArtifactKeys() {
    }

    /**
     * {@code key} when it is relative and made of plain segments (no empty segment, no {@code .} or {@code ..}, no
     * backslash or control character).
     *
     * @throws ArtifactPathRefusedException naming what is wrong
     */
    public static String check(String key) {
        if (key == null || key.isBlank()) {
            throw new ArtifactPathRefusedException("empty artifact path");
        }
        if (key.startsWith("/")) {
            throw new ArtifactPathRefusedException("artifact path must be relative to the store: " + key);
        }
        if (key.length() > MAX_KEY_BYTES || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new ArtifactPathRefusedException("artifact path longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new ArtifactPathRefusedException("artifact path has a backslash or control character: " + key);
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ArtifactPathRefusedException("artifact path escapes the store: " + key);
            }
        }
        return key;
    }
}
