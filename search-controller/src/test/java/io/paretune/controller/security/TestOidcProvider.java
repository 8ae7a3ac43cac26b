package io.paretune.controller.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A small OpenID Connect provider on a real HTTP port: its discovery document and the public half of an RSA key it
 * generates at start, which is all a resource server reads from Keycloak and the like. Tests sign tokens with
 * {@link #token}; the controller validates them as it would any provider's.
 */
public class TestOidcProvider implements QuarkusTestResourceLifecycleManager {

    private static RsaJsonWebKey key;
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/paretune";
            String jwks = new JsonWebKeySet(key).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            serve("/realms/paretune/.well-known/openid-configuration", """
                    {"issuer": "%s", "jwks_uri": "%s/protocol/openid-connect/certs",
                     "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer, issuer));
            serve("/realms/paretune/protocol/openid-connect/certs", jwks);
            server.start();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("cannot start the test OpenID Connect provider", e);
        }
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", "paretune", "quarkus.oidc.token.principal-claim", "preferred_username");
    }

    private void serve(String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token of this provider for {@code user} with {@code groups}, valid for {@code minutes} (negative: expired). */
    static String token(String user, List<String> groups, int minutes) {
        return sign(user, groups, minutes, key);
    }

    /** The same, signed with a key the provider never published. */
    static String forgedToken(String user, List<String> groups) {
        try {
            RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
            other.setKeyId("test-key");
            return sign(user, groups, 5, other);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String user, List<String> groups, int minutes, RsaJsonWebKey with) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("sub-" + user);
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(minutes * 60L);
        claims.setExpirationTime(expiry);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
