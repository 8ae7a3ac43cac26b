package io.paretune.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paretune.contract.messaging.Json;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An {@code ETag} on every JSON answer to a GET, and {@code 304 Not Modified} without a body when the client's
 * {@code If-None-Match} names it: a page or script that polls a campaign every few seconds gets the body only when
 * something changed. The tag is a digest of the answer as JSON, so it changes exactly when the answer does.
 */
public class ConditionalGets {

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() != 200 || !isJson(response)) {
            return;
        }
        EntityTag tag = new EntityTag(digest(response.getEntity()), true);
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        String asked = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (asked != null && asked.contains("\"" + tag.getValue() + "\"")) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
        }
    }

    /** A JSON answer: typed so, or (a paged list, built as a Response) not typed yet and no file. */
    private static boolean isJson(ContainerResponseContext response) {
        if (!response.hasEntity() || response.getEntity() instanceof StreamingOutput) {
            return false;
        }
        MediaType type = response.getMediaType();
        return type == null || MediaType.APPLICATION_JSON_TYPE.isCompatible(type);
    }

    private static String digest(Object entity) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(entity);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot tag an answer that was just written as JSON", e);
        }
    }
}
