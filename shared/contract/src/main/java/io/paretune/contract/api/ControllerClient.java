package io.paretune.contract.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * ModelDownload model = api.downloadModel(campaignId, trialId, Path.of("."));   // SHA-256 checked
 * }</pre>
 */
public final class ControllerClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Until the answer starts: the controller hashes the whole file before it sends the first byte. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final String CAMPAIGNS = "/api/v1/campaigns";
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern SAFE_ID_CHARS = Pattern.compile("[^A-Za-z0-9_-]");

    /** Items per page of a list: the most the controller gives. */
    private static final int PAGE = 1_000;
    /** The environment variable the clients take an API key from. */
    public static final String TOKEN_VARIABLE = "PARETUNE_TOKEN";

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    /** A client that sends no API key: for a controller with authentication off (the local stack). */
    public ControllerClient(URI base) {
        this(base, null);
    }

    /** @param token the API key sent as {@code Authorization: Bearer}; null or blank: none */
    public ControllerClient(URI base, String token) {
        this.base = base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** A client with the API key of {@code $PARETUNE_TOKEN}, if set. */
    public static ControllerClient withTokenFromEnvironment(URI base) {
        return new ControllerClient(base, System.getenv(TOKEN_VARIABLE));
    }

    public URI base() {
        return base;
    }

    /** Submits a campaign spec (JSON text). */
    public CampaignRef submit(String specJson) {
        return send(post(CAMPAIGNS, specJson), CampaignRef.class);
    }

    /** Every campaign, newest first. */
    /** Every campaign the caller may see, newest first, page after page. */
    public List<CampaignSummary> campaigns() {
        return all(CAMPAIGNS, new TypeReference<>() {
        });
    }

    public CampaignDetail campaign(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id))).GET(), CampaignDetail.class);
    }

    /** The campaign's Pareto front, its hypervolume and the trial its verdict names. */
    public ParetoView pareto(String id) {
        return send(HttpRequest.newBuilder(uri(campaignPath(id) + "/pareto")).GET(), ParetoView.class);
    }

    /** Every trial of a campaign, by number, page after page. */
    public List<TrialView> trials(String id) {
        return all(campaignPath(id) + "/trials", new TypeReference<>() {
        });
    }

    /**
     * Every item of a paged list: pages of {@link #PAGE} until one comes back short (the list may grow meanwhile;
     * what a page skipped is not fetched again).
     */
    private <T> List<T> all(String path, TypeReference<List<T>> type) {
        List<T> items = new ArrayList<>();
        while (true) {
            List<T> page = send(HttpRequest.newBuilder(uri(path + "?limit=" + PAGE + "&offset=" + items.size())).GET(),
                    type);
            items.addAll(page);
            if (page.size() < PAGE) {
                return items;
            }
        }
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

    /** The model card of a scored trial. */
    public ModelCard modelCard(String campaignId, String trialId) {
        return send(HttpRequest.newBuilder(uri(trialPath(campaignId, trialId) + "/model-card")).GET(), ModelCard.class);
    }

    /**
     * Downloads a scored trial's model and keeps it only when its bytes hash to the SHA-256 the controller sent with
     * it (the hash of the file the evaluator scored). The file is written beside its target under a temporary name
     * and renamed once verified, so a failed download leaves nothing at the target.
     *
     * @param target the file to write, or an existing directory to write the controller's file name into
     * @throws ModelDownloadException when the bytes do not match, no hash came, or the file cannot be written
     */
    public ModelDownload downloadModel(String campaignId, String trialId, Path target) {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(trialPath(campaignId, trialId) + "/model")))
                .timeout(DOWNLOAD_TIMEOUT).header("Accept", ModelDownload.MEDIA_TYPE + ", application/json").GET()
                .build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        String what = request.method() + " " + request.uri().getPath();
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                byte[] error = body.readNBytes(MAX_ERROR_BYTES);
                throw new ApiException(what, status, error(new String(error, StandardCharsets.UTF_8)));
            }
            String expected = response.headers().firstValue(ModelDownload.SHA256_HEADER)
                    .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> SHA256_HEX.matcher(h).matches())
                    .orElseThrow(() -> new ModelDownloadException(what + " answered without a SHA-256 in "
                            + ModelDownload.SHA256_HEADER + ": the model was not kept"));
            Path file = Files.isDirectory(target)
                    ? target.resolve(fileName(response, trialId)) : target;
            return save(body, file, expected, what);
        } catch (IOException e) {
            throw new ModelDownloadException(what + ": the transfer broke off (" + e.getMessage()
                    + "); the model was not kept", e);
        }
    }

    private static ModelDownload save(InputStream body, Path file, String expected, String what) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".paretune-download-", ".part");
        } catch (IOException e) {
            throw new ModelDownloadException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        try {
            MessageDigest digest = sha256();
            long bytes;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                bytes = new DigestInputStream(body, digest).transferTo(out);
            } catch (IOException e) {
                throw new ModelDownloadException(what + ": the transfer broke off or " + tmp + " could not be written ("
                        + e.getMessage() + "); the model was not kept", e);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new ModelDownloadException("the " + bytes + " bytes received hash to SHA-256 " + actual
                        + ", not to the " + expected + " the controller announced: the model was not kept");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new ModelDownloadException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return new ModelDownload(file, bytes, actual);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // nothing more to do about a temporary file we could not remove
            }
        }
    }

    /**
     * The file name the controller suggests (Content-Disposition), kept only when it is a plain name: a header must
     * never choose a directory.
     */
    private static String fileName(HttpResponse<?> response, String trialId) {
        return response.headers().firstValue("Content-Disposition")
                .map(FILENAME::matcher).filter(Matcher::find).map(m -> m.group(1))
                .filter(name -> SAFE_FILE_NAME.matcher(name).matches() && !name.startsWith("."))
                .orElse("trial-" + SAFE_ID_CHARS.matcher(trialId).replaceAll("_") + ".ptm.zip");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
        HttpRequest request = authorized(builder).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable("nothing answers there");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + request.timeout().orElse(REQUEST_TIMEOUT).toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
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
