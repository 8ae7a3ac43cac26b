package io.paretune.controller.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Callers who present a bearer token of the configured OpenID Connect provider (Quarkus OIDC validates it: signature
 * against the provider's keys, issuer, expiry). The token's principal names the owner; its role is the highest of
 * {@code viewer}, {@code operator} and {@code admin} among the token's roles (a token with none of them is refused).
 * Authentication is lazy ({@code quarkus.http.auth.proactive=false}): the token is checked only here, after the API
 * keys, so that a key never travels to the provider.
 */
@ApplicationScoped
public class OidcCallers {

    private static final Logger LOG = Logger.getLogger(OidcCallers.class);

    private final boolean enabled;
    private final CurrentIdentityAssociation identity;

    public OidcCallers(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled,
                       CurrentIdentityAssociation identity) {
        this.enabled = enabled;
        this.identity = identity;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The caller the request's bearer token names; empty without a valid token or a Paretune role in it. */
    public Optional<Caller> current() {
        if (!enabled) {
            return Optional.empty();
        }
        SecurityIdentity who;
        try {
            who = identity.getDeferredIdentity().await().indefinitely();
        } catch (AuthenticationFailedException e) {
            LOG.debugf("bearer token refused: %s", e.getMessage());
            return Optional.empty();
        }
        if (who == null || who.isAnonymous()) {
            return Optional.empty();
        }
        Role role = null;
        for (Role candidate : Role.values()) {
            if (who.hasRole(candidate.wireName())) {
                role = candidate;
            }
        }
        return role == null ? Optional.empty() : Optional.of(new Caller(who.getPrincipal().getName(), role));
    }
}
