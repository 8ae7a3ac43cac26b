package io.paretune.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's REST API as the CLI needs it: JSON in, JSON out, and every failure turned into a message a user
 * can act on (controller down, unknown campaign, rejected spec with one line per field).
 */
final class ControllerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    ControllerClient(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    URI base() {
        return base;
    }

    /** Submits a campaign spec; returns {@code {"id", "state"}}. */
    JsonNode submit(JsonNode spec) {
        return send(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(spec))), null);
    }

    JsonNode campaigns() {
        return send(HttpRequest.newBuilder(uri("/api/v1/campaigns")).GET(), null);
    }

    JsonNode campaign(String id) {
        return send(HttpRequest.newBuilder(uri("/api/v1/campaigns/" + encode(id))).GET(), id);
    }

    JsonNode trials(String id) {
        return send(HttpRequest.newBuilder(uri("/api/v1/campaigns/" + encode(id) + "/trials")).GET(), id);
    }

    JsonNode cancel(String id) {
        return send(HttpRequest.newBuilder(uri("/api/v1/campaigns/" + encode(id) + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), id);
    }

    private JsonNode send(HttpRequest.Builder builder, String campaignId) {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable("nothing answers there");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        return interpret(request, response, campaignId);
    }

    private JsonNode interpret(HttpRequest request, HttpResponse<String> response, String campaignId) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new CliException("the controller answered " + request.method() + " " + request.uri().getPath()
                        + " with HTTP " + status + " but no JSON: " + abbreviate(response.body()));
            }
            return body;
        }
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : abbreviate(response.body());
        if (status == 400) {
            List<String> fields = new ArrayList<>();
            if (body != null) {
                for (JsonNode f : body.path("fieldErrors")) {
                    String field = f.path("field").asText("");
                    fields.add((field.isEmpty() ? "(spec)" : field) + ": " + f.path("message").asText());
                }
            }
            throw new CliException("the controller rejected the request: " + (error.isBlank() ? "HTTP 400" : error),
                    CliException.USAGE, fields);
        }
        if (status == 404 && campaignId != null) {
            throw new CliException("no campaign '" + campaignId + "' at " + base
                    + " (./paretune cli list shows the known ones)");
        }
        throw new CliException("the controller answered " + request.method() + " " + request.uri().getPath()
                + " with HTTP " + status + (error.isBlank() ? "" : ": " + error));
    }

    private ControllerUnreachableException unreachable(String why) {
        return new ControllerUnreachableException("cannot reach the Paretune controller at " + base + " (" + why
                + "). Start the local stack with ./paretune up, or point --url / PARETUNE_URL at a running controller.");
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new CliException("cannot encode the spec: " + e.getOriginalMessage());
        }
    }

    private URI uri(String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
