package io.paretune.controller.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Who may call the API ({@code paretune.auth.*}). */
@ConfigMapping(prefix = "paretune.auth")
public interface AuthConfig {

    /**
     * Whether requests need a key. Off only for a stack on one machine: then the HTTP server must listen on the
     * loopback address (the controller refuses to start otherwise) and requests naming another host are refused.
     */
    @WithDefault("true")
    boolean enabled();

    /** The file of API keys ({@link ApiKeys}): lines {@code NAME ROLE SHA256}. Required when enabled. */
    Optional<String> apiKeysFile();
}
