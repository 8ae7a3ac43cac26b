package io.paretune.contract.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.messaging.Json;

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
import java.util.List;

/**
 * The search-controller's REST API from Java, in the API's own records: what the CLI, the benchmarks and the system
 * tests call. Every answer other than 2xx becomes an {@link ApiException} carrying the controller's
 * {@link ErrorResponse}; a controller that does not answer at all, a {@link ControllerUnreachableException}.
 *
 * <pre>{@code
 * ControllerClient api = new ControllerClient(URI.create("http://127.0.0.1:8080"));
 * CampaignRef ref = api.submit(Files.readString(Path.of("examples/external-quadratic.json")));
 * AskResponse trial = api.ask(ref.id());
 * api.tell(ref.id(), trial.trialId(), TellRequest.complete(Map.of("loss", 2.5)));
 * }</pre>
 */
public final class ControllerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String CAMPAIGNS = "/api/v1/campaigns";

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    public ControllerClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public URI base() {
        return base;
    }

    /** Submits a campaign spec (JSON text). */
    public CampaignRef submit(String specJson) {
        return send(post(CAMPAIGNS, specJson), CampaignRef.class);
    }

    /** Every campaign, newest first. */
    public List<CampaignSummary> campaigns() {
        return send(HttpRequest.newBuilder(uri(CAMPAIGNS)).GET(), new TypeReference<>() {
        });
    }

    public CampaignDetail campaign(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id))).GET(), CampaignDetail.class);
    }

    /** The campaign's Pareto front, its hypervolume and the trial its verdict names. */
    public ParetoView pareto(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id) + "/pareto")).GET(), ParetoView.class);
    }

    /** Every trial of a campaign, by number. */
    public List<TrialView> trials(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id) + "/trials")).GET(), new TypeReference<>() {
        });
    }

    public CampaignRef cancel(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id) + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()),
                CampaignRef.class);
    }

    public AskResponse ask(String campaignId) {
        return send(HttpRequest.newBuilder(uri(campaignPath(campaignId) + "/trials/ask"))
                .POST(HttpRequest.BodyPublishers.noBody()), AskResponse.class);
    }

    public ReportResponse report(String campaignId, String trialId, ReportRequest report) {
        return send(post(trialPath(campaignId, trialId) + "/report", write(report)), ReportResponse.class);
    }

    public TellResponse tell(String campaignId, String trialId, TellRequest tell) {
        return send(post(trialPath(campaignId, trialId) + "/tell", write(tell)), TellResponse.class);
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private <T> T send(HttpRequest.Builder builder, Class<T> type) {
        return send(builder, json.constructType(type));
    }

    private <T> T send(HttpRequest.Builder builder, TypeReference<T> type) {
        return send(builder, json.constructType(type));
    }

    private <T> T send(HttpRequest.Builder builder, JavaType type) {
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
            throw unreachable("interrupted");
        }
        String what = request.method() + " " + request.uri().getPath();
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ApiException(what, status, error(response.body()));
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new ApiException(what, status, ErrorResponse.of("the controller answered with HTTP " + status
                    + " but not with " + type.getRawClass().getSimpleName() + " JSON: " + e.getOriginalMessage()));
        }
    }

    /** The controller's error body, or the body itself when it is not one (a proxy's page, say). */
    private ErrorResponse error(String body) {
        try {
            ErrorResponse error = json.readValue(body, ErrorResponse.class);
            if (error != null && error.error() != null) {
                return error;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not the controller's error shape
        }
        return ErrorResponse.of(abbreviate(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + body + ": " + e.getOriginalMessage(), e);
        }
    }

    private ControllerUnreachableException unreachable(String why) {
        return new ControllerUnreachableException(base, why);
    }

    private URI uri(String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static String campaignPath(String id) {
        return CAMPAIGNS + "/" + encode(id);
    }

    private static String trialPath(String campaignId, String trialId) {
        return campaignPath(campaignId) + "/trials/" + encode(trialId);
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
