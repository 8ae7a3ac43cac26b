package io.paretune.controller.security;

import io.paretune.contract.api.ErrorResponse;
import io.paretune.controller.store.CampaignStore;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Every API request, before its resource method: who is calling ({@code Authorization: Bearer} with an API key or
 * an OpenID Connect token ({@link OidcCallers}), or the local user when authentication is off), whether the
 * operation's {@link Access} role allows it, whether the campaign it names ({@code {id}}) is the caller's, and
 * whether the caller writes within its rate ({@link WriteRateLimiter}): 401, 403 or 429 otherwise. Health, metrics
 * and the OpenAPI document are not API resources and stay open for probes and Prometheus.
 */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    private static final String BEARER = "Bearer ";

    private final Authenticator authenticator;
    private final OidcCallers tokens;
    private final CurrentCaller current;
    private final CampaignStore campaigns;
    private final WriteRateLimiter writes;

    public AccessFilter(Authenticator authenticator, OidcCallers tokens, CurrentCaller current, CampaignStore campaigns,
                        WriteRateLimiter writes) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.current = current;
        this.campaigns = campaigns;
        this.writes = writes;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        try {
            Caller caller = authenticator.enabled() ? bearer(request) : local(request);
            Access access = resource.getResourceMethod() == null ? null
                    : resource.getResourceMethod().getAnnotation(Access.class);
            authorize(caller, access != null ? access.value() : Role.ADMIN,
                    request.getUriInfo().getPathParameters().getFirst("id"));
            if (!HttpMethod.GET.equals(request.getMethod()) && !writes.tryAcquire(caller.name())) {
                throw new Refused(Response.fromResponse(refusal(Response.Status.TOO_MANY_REQUESTS, caller.name()
                                + " writes faster than paretune.quota.writes-per-second allows: retry in a second"))
                        .header(HttpHeaders.RETRY_AFTER, 1).build());
            }
            current.set(caller);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.response);
        }
    }

    /** The caller an API key or a token names. */
    private Caller bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String key = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        Optional<Caller> found = authenticator.find(key);
        if (found.isEmpty() && key != null) {
            found = tokens.current();
        }
        return found.orElseThrow(() -> new Refused(refusal(Response.Status.UNAUTHORIZED, key == null
                ? "authentication required: send Authorization: Bearer <API key or token>"
                : "unknown API key, or a token that is invalid, expired or has no Paretune role")));
    }

    /**
     * The local user, for a request that names this machine. Without keys only a page served from here may call: a
     * name that resolves here (DNS rebinding) still arrives with its own Host header. HTTP/2 (Java's client upgrades
     * to it) names the host in :authority, with no Host header.
     */
    private static Caller local(ContainerRequestContext request) {
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null) {
            host = request.getUriInfo().getRequestUri().getHost();
        }
        if (!Loopback.isLocalHost(host)) {
            throw new Refused(refusal(Response.Status.FORBIDDEN, "authentication is off: requests must name this "
                    + "machine (127.0.0.1 or localhost) as their host"));
        }
        return Caller.LOCAL;
    }

    private void authorize(Caller caller, Role needed, String campaignId) {
        if (!caller.role().covers(needed)) {
            throw new Refused(refusal(Response.Status.FORBIDDEN, "this operation needs the " + needed.wireName()
                    + " role; the key of " + caller.name() + " has the " + caller.role().wireName() + " role"));
        }
        // An unknown id is the resource's 404; one that exists but is another's (or no one's: submitted before
        // campaigns had owners) is refused here.
        if (campaignId != null && !caller.seesAll()
                && campaigns.ownership(campaignId).filter(o -> !caller.mayActOn(o.owner(), needed)).isPresent()) {
            LOG.debugf("%s refused campaign %s of another owner", caller.name(), campaignId);
            throw new Refused(refusal(Response.Status.FORBIDDEN, "campaign " + campaignId
                    + " belongs to another owner"));
        }
    }

    private static Response refusal(Response.Status status, String message) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of(message));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paretune\"");
        }
        return response.build();
    }

    /** A request turned away, with its answer; control flow only, so no stack trace. */
    private static final class Refused extends RuntimeException {
        private final transient Response response;

        Refused(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
