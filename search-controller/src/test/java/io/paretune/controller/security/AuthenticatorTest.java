package io.paretune.controller.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private static AuthConfig config(boolean enabled, String file) {
        return new AuthConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> apiKeysFile() {
                return Optional.ofNullable(file);
            }
        };
    }

    @Test
    void withoutKeysTheControllerListensOnTheLoopbackAddressOrNotAtAll() {
        assertThat(new Authenticator(config(false, null), "127.0.0.1", false).enabled()).isFalse();
        assertThat(new Authenticator(config(false, null), "localhost", false).enabled()).isFalse();
        assertThatThrownBy(() -> new Authenticator(config(false, null), "0.0.0.0", false))
                .hasMessageContaining("paretune.auth.enabled=false needs quarkus.http.host on the loopback address");
    }

    @Test
    void withKeysTheFileMustExistAndHoldSome(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> new Authenticator(config(true, null), "0.0.0.0", false))
                .hasMessageContaining("needs paretune.auth.api-keys-file");
        Path empty = Files.writeString(dir.resolve("keys"), "# nobody yet\n");
        assertThatThrownBy(() -> new Authenticator(config(true, empty.toString()), "0.0.0.0", false))
                .hasMessageContaining("holds no key");

        String key = "k".repeat(ApiKeys.MIN_KEY_LENGTH);
        Path keys = Files.writeString(dir.resolve("keys2"), "carol admin " + ApiKeys.digest(key) + "\n");
        Authenticator auth = new Authenticator(config(true, keys.toString()), "0.0.0.0", false);
        assertThat(auth.find(key)).contains(new Caller("carol", Role.ADMIN));
        assertThat(auth.find("k".repeat(ApiKeys.MIN_KEY_LENGTH + 1))).isEmpty();
        assertThat(auth.find(null)).isEmpty();
    }

    @Test
    void malformedKeyFilesAreRefusedNamingTheLine() {
        String digest = ApiKeys.digest("x".repeat(30));
        assertThatThrownBy(() -> ApiKeys.parse(List.of("alice operator"), "keys"))
                .hasMessage("keys line 1: expected NAME ROLE SHA256, got 2 fields");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("", "alice root " + digest), "keys"))
                .hasMessage("keys line 2: unknown role 'root' (viewer, operator or admin)");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("alice viewer abc"), "keys"))
                .hasMessage("keys line 1: the key's SHA-256 must be 64 hex digits");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("al/ice viewer " + digest), "keys"))
                .hasMessageContaining("keys line 1: the name may hold");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("a viewer " + digest, "b admin " + digest), "keys"))
                .hasMessage("keys line 2: the same key twice");
    }

    @Test
    void shortKeysAreNeverAccepted() {
        String shortKey = "s".repeat(ApiKeys.MIN_KEY_LENGTH - 1);
        ApiKeys keys = ApiKeys.parse(List.of("dave operator " + ApiKeys.digest(shortKey)), "keys");
        assertThat(keys.find(shortKey)).isEmpty();
    }

    @Test
    void rolesIncludeTheOnesBelowAndOwnersAreTheirName() {
        Caller alice = new Caller("alice", Role.OPERATOR);
        assertThat(alice.mayActOn("alice", Role.VIEWER)).isTrue();
        assertThat(alice.mayActOn("alice", Role.OPERATOR)).isTrue();
        assertThat(alice.mayActOn("bob", Role.VIEWER)).isFalse();
        assertThat(alice.mayActOn(null, Role.VIEWER)).as("a campaign without an owner").isFalse();
        assertThat(new Caller("alice", Role.VIEWER).mayActOn("alice", Role.OPERATOR)).isFalse();
        assertThat(new Caller("root", Role.ADMIN).mayActOn("bob", Role.ADMIN)).isTrue();
        assertThat(Loopback.isLocalHost("LOCALHOST:8080")).isTrue();
        assertThat(Loopback.isLocalHost("[::1]")).isTrue();
        assertThat(Loopback.isLocalHost("localhost.evil:80")).isFalse();
        assertThat(Loopback.isLocalHost(null)).isFalse();
    }
}
