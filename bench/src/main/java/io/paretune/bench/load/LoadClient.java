package io.paretune.bench.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.bench.search.functions.Branin;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;

/**
 * One ask/tell client: its own API key and campaign, then {@code trials} rounds of ask, evaluate Branin (and wait
 * the think time, standing for training), tell, one after the other as a real client does. Each request is timed from send to the last byte of the answer. A 429
 * (write rate) is counted and the request sent again after its {@code Retry-After}; any other failure ends the
 * client, counted by request and status.
 */
final class LoadClient {

    static final String METRIC = "branin";

    private static final ObjectMapper JSON = Json.mapper();
    private static final Branin BRANIN = new Branin();
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    /** What one client measured and told. */
    record Outcome(String campaignId, TrialLedger ledger, Latencies submit, Latencies ask, Latencies tell,
                   Map<String, Long> errors, long throttled, String failure) {
    }

    private final HttpClient http;
    private final URI campaigns;
    private final String token;
    private final int trials;
    private final String sampler;
    private final long seed;
    private final long thinkMillis;
    private final Random think;
    private final String name;
    private final TrialLedger ledger = new TrialLedger();
    private final Latencies submit = new Latencies();
    private final Latencies ask = new Latencies();
    private final Latencies tell = new Latencies();
    private final Map<String, Long> errors = new TreeMap<>();
    private long throttled;

    /**
     * @param thinkMillis the mean time each evaluation takes besides computing Branin (a client's training time),
     *                    drawn uniformly from 0 to twice it
     */
    LoadClient(HttpClient http, URI base, String token, String name, int trials, String sampler, long seed,
               long thinkMillis) {
        this.http = http;
        this.campaigns = base.resolve("/api/v1/campaigns");
        this.token = token;
        this.name = name;
        this.trials = trials;
        this.sampler = sampler;
        this.seed = seed;
        this.thinkMillis = thinkMillis;
        this.think = new Random(seed);
    }

    /** The campaign every client submits: Branin over its square, one trial at a time, {@code trials} in all. */
    static ObjectNode spec(String name, int trials, String sampler, long seed) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("name", name);
        spec.put("evaluation", "external");
        ObjectNode space = spec.putObject("searchSpace");
        space.putObject("x1").put("type", "float").put("low", -5).put("high", 10);
        space.putObject("x2").put("type", "float").put("low", 0).put("high", 15);
        spec.putArray("objectives").addObject().put("metric", METRIC).put("direction", "minimize");
        spec.putObject("budget").put("maxTrials", trials).put("maxParallel", 1);
        spec.putObject("strategy").put("sampler", sampler).put("seed", seed);
        return spec;
    }

    /**
     * Submits the campaign, waits at {@code start} for every other client, then (with a think time, after a first
     * draw of it) runs its trials. Never throws: a failure is in the outcome.
     */
    Outcome run(CyclicBarrier start) {
        String campaignId = null;
        String failure = null;
        try {
            JsonNode ref = send("submit", submit, campaigns, spec(name, trials, sampler, seed).toString());
            campaignId = ref == null ? null : ref.path("id").asText();
            start.await();
            if (campaignId == null) {
                throw new IllegalStateException("the campaign was not accepted");
            }
            URI trialsUri = URI.create(campaigns + "/" + campaignId + "/trials/");
            if (thinkMillis > 0) {
                // Clients that train are found at any point of their cycle, not all asking in the same millisecond:
                // each starts after a draw of the think time, so that the measured load is the steady one.
                Thread.sleep(think.nextLong(2 * thinkMillis + 1));
            }
            for (int i = 0; i < trials; i++) {
                JsonNode asked = send("ask", ask, trialsUri.resolve("ask"), null);
                if (asked == null) {
                    break;
                }
                String trialId = asked.path("trialId").asText();
                Map<String, Object> params = JSON.convertValue(asked.path("params"), PARAMS);
                double value = BRANIN.evaluate(params);
                if (thinkMillis > 0) {
                    // Drawn around the mean so that clients drift apart as real ones do; a fixed time would keep
                    // all of them asking in the same millisecond, round after round.
                    Thread.sleep(think.nextLong(2 * thinkMillis + 1));
                }
                ObjectNode body = JSON.createObjectNode();
                body.putObject("values").put(METRIC, value);
                if (send("tell", tell, trialsUri.resolve(trialId + "/tell"), body.toString()) == null) {
                    break;
                }
                ledger.told(trialId, asked.path("number").asInt(), value);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = name + ": " + e;
        }
        return new Outcome(campaignId, ledger, submit, ask, tell, errors, throttled, failure);
    }

    /** POSTs {@code body} (none when null); the answer's JSON, or null after counting the failure. */
    private JsonNode send(String kind, Latencies latencies, URI uri, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        while (true) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                errors.merge(kind + " " + e.getClass().getSimpleName(), 1L, Long::sum);
                return null;
            }
            long elapsed = System.nanoTime() - started;
            int status = response.statusCode();
            if (status == 429) {
                throttled++;
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(1, seconds) * 1000);
                continue;
            }
            if (status / 100 != 2) {
                errors.merge(kind + " " + status, 1L, Long::sum);
                System.err.println(name + ": " + kind + " " + status + " " + response.body());
                return null;
            }
            latencies.add(elapsed);
            return JSON.readTree(response.body());
        }
    }
}
