package io.paretune.controller.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The controller with authentication on, from a key file written here: two operators (alice, bob), a viewer key of
 * alice's name and an admin. The keys are fixed test values; the file holds only their digests.
 */
public class AuthOnProfile implements QuarkusTestProfile {

    static final String ALICE = "alice-operator-key-0123456789";
    static final String ALICE_VIEWER = "alice-viewer-key-0123456789";
    static final String BOB = "bob-operator-key-0123456789";
    static final String ADMIN = "root-admin-key-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        Path file = Path.of("target", "test-api-keys");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    # NAME ROLE SHA256
                    alice operator %s
                    alice viewer %s
                    bob operator %s
                    root admin %s
                    """.formatted(ApiKeys.digest(ALICE), ApiKeys.digest(ALICE_VIEWER), ApiKeys.digest(BOB),
                    ApiKeys.digest(ADMIN)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("paretune.auth.enabled", "true", "paretune.auth.api-keys-file", file.toString());
    }
}
