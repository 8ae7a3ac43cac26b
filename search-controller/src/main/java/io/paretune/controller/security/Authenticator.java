package io.paretune.controller.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The API's authentication as configured ({@link AuthConfig}), checked when the controller starts: with it on, a
 * key file holding keys or an OpenID Connect provider ({@link OidcCallers}) is required; with it off, the HTTP server must listen on the loopback address only, so that
 * a stack without keys is never reachable from another machine.
 */
@ApplicationScoped
@Startup
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final boolean enabled;
    private final ApiKeys keys;

    public Authenticator(AuthConfig config,
                         @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost,
                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.enabled = config.enabled();
        if (!enabled) {
            if (!Loopback.isLoopbackBind(httpHost)) {
                throw new IllegalStateException("paretune.auth.enabled=false needs quarkus.http.host on the loopback "
                        + "address (127.0.0.1), not " + httpHost + ": without authentication the API must not be "
                        + "reachable from another machine");
            }
            this.keys = null;
            LOG.infof("API authentication is off: listening on %s only, requests must name it as their host", httpHost);
            return;
        }
        if (config.apiKeysFile().isEmpty()) {
            if (!oidc) {
                throw new IllegalStateException("paretune.auth.enabled=true needs paretune.auth.api-keys-file (lines "
                        + "NAME ROLE SHA256 of the key) or an OpenID Connect provider (quarkus.oidc.tenant-enabled)");
            }
            this.keys = ApiKeys.parse(List.of(), "no file");
            LOG.info("API authentication on: OpenID Connect tokens");
            return;
        }
        String file = config.apiKeysFile().get();
        try {
            this.keys = ApiKeys.read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read paretune.auth.api-keys-file " + file, e);
        }
        if (keys.size() == 0 && !oidc) {
            throw new IllegalStateException("paretune.auth.api-keys-file " + file + " holds no key");
        }
        LOG.infof("API authentication on: %d API keys%s", keys.size(), oidc ? " and OpenID Connect tokens" : "");
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller a key belongs to; empty for none or an unknown one. */
    public Optional<Caller> find(String key) {
        return keys == null ? Optional.empty() : keys.find(key);
    }
}
