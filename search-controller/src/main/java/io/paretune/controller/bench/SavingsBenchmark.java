package io.paretune.controller.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 3's savings benchmark on real training: a full-fidelity {@code random} campaign against a {@code tpe} +
 * {@code asha} campaign of the same trial count and search space ({@code examples/savings-random.json},
 * {@code examples/savings-tpe-asha.json}), both on a running controller. Submits them, waits until both are
 * finished, and prints one JSON object: per campaign the best validation accuracy against epochs consumed
 * ({@link SavingsCurve}), and the verdict: the difference of the best validation accuracies (points) and the ratio
 * of epochs consumed. Goal: within 0.3 points using at most a third of the epochs.
 *
 * <pre>
 * ./paretune up && ./paretune bench savings            # both campaigns, about 180 + 60 epochs of Fashion-MNIST
 * ./paretune bench savings --campaigns ID1,ID2         # the report for two finished campaigns, nothing submitted
 * </pre>
 */
public final class SavingsBenchmark {

    static final String RANDOM = "random";
    static final String TPE_ASHA = "tpe-asha";
    static final double GOAL_POINTS = 0.3;
    static final double GOAL_EPOCHS_RATIO = 1.0 / 3;
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELLED");
    private static final String USAGE = """
            usage: SavingsBenchmark [--url http://127.0.0.1:8080] [--random examples/savings-random.json]
                                    [--tpe-asha examples/savings-tpe-asha.json] [--only random|tpe-asha] [--quick]
                                    [--sequential] [--poll 15] [--campaigns RANDOM_ID[,TPE_ASHA_ID]]
              --quick       6 trials of at most 3 epochs on 6,000 training images (a smoke run of the plumbing)
              --sequential  the second campaign is submitted when the first has finished (comparable wall times)
              --campaigns   report on campaigns that already ran (random first); submit nothing
            """;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Json.mapper();
    private final PrintStream log;

    SavingsBenchmark(URI base, PrintStream log) {
        this.base = base;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err);
        String url = System.getenv().getOrDefault("PARETUNE_URL", "http://127.0.0.1:8080");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(RANDOM, Path.of("examples/savings-random.json"));
        files.put(TPE_ASHA, Path.of("examples/savings-tpe-asha.json"));
        String only = null;
        boolean quick = false;
        boolean sequential = false;
        int poll = 15;
        List<String> ids = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url" -> url = value(args, ++i, "--url");
                    case "--random" -> files.put(RANDOM, Path.of(value(args, ++i, "--random")));
                    case "--tpe-asha" -> files.put(TPE_ASHA, Path.of(value(args, ++i, "--tpe-asha")));
                    case "--only" -> only = value(args, ++i, "--only");
                    case "--quick" -> quick = true;
                    case "--sequential" -> sequential = true;
                    case "--poll" -> poll = Integer.parseInt(value(args, ++i, "--poll"));
                    case "--campaigns" -> ids = List.of(value(args, ++i, "--campaigns").split(","));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (only != null && !files.containsKey(only)) {
                throw new IllegalArgumentException("--only must be random or tpe-asha, got '" + only + "'");
            }
            if (ids != null && (ids.size() > 2 || ids.stream().anyMatch(String::isBlank))) {
                throw new IllegalArgumentException("--campaigns takes one or two ids, RANDOM_ID[,TPE_ASHA_ID]");
            }
            if (poll < 1) {
                throw new IllegalArgumentException("--poll must be at least 1 second");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SavingsBenchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (only != null) {
            files.keySet().retainAll(Set.of(only));
        }
        SavingsBenchmark bench = new SavingsBenchmark(URI.create(url), System.err);
        Map<String, Object> result;
        try {
            result = ids != null ? bench.report(labelled(ids), Map.of())
                    : bench.run(files, quick, sequential, Duration.ofSeconds(poll));
        } catch (BenchException e) {
            System.err.println("SavingsBenchmark: " + e.getMessage());
            System.exit(1);
            return;
        }
        out.println(Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        out.flush();
    }

    /** Submits the campaigns (all at once, or one after the other), waits for them, reports. */
    Map<String, Object> run(Map<String, Path> files, boolean quick, boolean sequential, Duration poll)
            throws IOException, InterruptedException {
        Map<String, ObjectNode> specs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            ObjectNode spec = (ObjectNode) json.readTree(f.getValue().toFile());
            specs.put(f.getKey(), quick ? quick(spec) : spec);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, Double> wall = new LinkedHashMap<>();
        if (sequential) {
            for (Map.Entry<String, ObjectNode> s : specs.entrySet()) {
                long start = System.nanoTime();
                ids.put(s.getKey(), submit(s.getKey(), s.getValue()));
                await(Map.of(s.getKey(), ids.get(s.getKey())), poll);
                wall.put(s.getKey(), (System.nanoTime() - start) / 1e9);
            }
        } else {
            long start = System.nanoTime();
            for (Map.Entry<String, ObjectNode> s : specs.entrySet()) {
                try {
                    ids.put(s.getKey(), submit(s.getKey(), s.getValue()));
                } catch (BenchException e) {
                    ids.forEach(this::cancel); // half a comparison is no use: do not leave the other one training
                    throw e;
                }
            }
            await(ids, poll);
            ids.keySet().forEach(k -> wall.put(k, (System.nanoTime() - start) / 1e9));
        }
        Map<String, Object> out = report(ids, wall);
        Map<String, Object> settings = new LinkedHashMap<>();
        files.forEach((k, v) -> settings.put(k, v.toString()));
        settings.put("quick", quick);
        settings.put("sequential", sequential);
        out.put("settings", settings);
        return out;
    }

    /** Shrinks a spec to a smoke run: 6 trials, 3 epochs, 6,000 training images. */
    static ObjectNode quick(ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        copy.put("name", copy.path("name").asText("campaign") + "-quick");
        object(copy, "dataset").put("trainLimit", 6000);
        ObjectNode budget = object(copy, "budget");
        budget.put("maxTrials", 6);
        budget.put("maxEpochsPerTrial", 3);
        JsonNode pruner = copy.path("strategy").path("pruner");
        if (pruner instanceof ObjectNode p && p.has("maxResource")) {
            p.put("maxResource", 3);
        }
        return copy;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        if (!(parent.get(field) instanceof ObjectNode child)) {
            return parent.putObject(field);
        }
        return child;
    }

    /** The JSON report for campaigns by label; {@code wall} seconds where known. */
    Map<String, Object> report(Map<String, String> ids, Map<String, Double> wall) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "savings");
        out.put("date", Instant.now().toString());
        out.put("controller", base.toString());
        Map<String, SavingsCurve> curves = new LinkedHashMap<>();
        Map<String, Object> campaigns = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            JsonNode campaign = get("/api/v1/campaigns/" + e.getValue());
            SavingsCurve curve = SavingsCurve.of(get("/api/v1/campaigns/" + e.getValue() + "/trials"));
            curves.put(e.getKey(), curve);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", e.getValue());
            c.put("name", campaign.path("name").asText());
            c.put("state", campaign.path("state").asText());
            c.put("sampler", campaign.path("sampler").asText());
            c.put("pruner", json.convertValue(campaign.path("spec").path("strategy").path("pruner"), Object.class));
            for (String field : List.of("epochsUsed", "epochsSaved")) { // the controller's own accounting, once it has one
                if (campaign.hasNonNull(field)) {
                    c.put(field, campaign.get(field).asInt());
                }
            }
            if (wall.containsKey(e.getKey())) {
                c.put("wall_seconds", Stats.round(wall.get(e.getKey()), 1));
            }
            c.putAll(curve.toJson());
            campaigns.put(e.getKey(), c);
        }
        out.put("campaigns", campaigns);
        out.put("verdict", verdict(curves.get(RANDOM), curves.get(TPE_ASHA)));
        return out;
    }

    /** Best-val difference (points, tpe-asha minus random), epochs ratio (tpe-asha / random), and the goal. */
    static Map<String, Object> verdict(SavingsCurve random, SavingsCurve tpeAsha) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("goal", "tpe-asha within " + GOAL_POINTS + " points of random's best validation accuracy, using at most "
                + "a third of its epochs");
        if (random == null || tpeAsha == null || random.bestValAccuracy() == null || tpeAsha.bestValAccuracy() == null
                || random.epochs() == 0) {
            v.put("note", "needs both campaigns with at least one scored epoch");
            return v;
        }
        double points = (tpeAsha.bestValAccuracy() - random.bestValAccuracy()) * 100;
        double ratio = tpeAsha.epochs() / (double) random.epochs();
        v.put("best_val_difference_points", Stats.round(points, 2));
        v.put("epochs_ratio", Stats.round(ratio, 3));
        v.put("tpe_asha_epochs_to_within_goal", tpeAsha.epochsToReach(random.bestValAccuracy() - GOAL_POINTS / 100));
        v.put("random_epochs_to_its_best", random.epochsToReach(random.bestValAccuracy()));
        v.put("goal_met", points >= -GOAL_POINTS && ratio <= GOAL_EPOCHS_RATIO);
        return v;
    }

    private String submit(String label, ObjectNode spec) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(spec))));
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new BenchException("the controller rejected the " + label + " campaign (HTTP " + response.statusCode()
                    + "): " + response.body() + (label.equals(TPE_ASHA) ? " (has the tpe sampler and the asha pruner "
                    + "landed on this build? --only random runs the other side)" : ""));
        }
        String id = body.path("id").asText();
        log.println("submitted " + label + ": campaign " + id + " (" + spec.path("name").asText() + ")");
        return id;
    }

    private void cancel(String label, String id) {
        try {
            send(HttpRequest.newBuilder(uri("/api/v1/campaigns/" + id + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()));
            log.println("cancelled " + label + ": campaign " + id);
        } catch (IOException | RuntimeException e) {
            log.println("could not cancel " + label + " campaign " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void await(Map<String, String> ids, Duration poll) throws InterruptedException {
        Map<String, String> last = new LinkedHashMap<>();
        while (true) {
            boolean all = true;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                JsonNode c = get("/api/v1/campaigns/" + e.getValue());
                String line = c.path("state").asText() + " " + c.path("trialCounts");
                if (!line.equals(last.get(e.getKey()))) {
                    log.println(Instant.now().toString().substring(11, 19) + " " + e.getKey() + ": " + line);
                    last.put(e.getKey(), line);
                }
                all &= FINISHED.contains(c.path("state").asText());
            }
            if (all) {
                return;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri(path)).GET());
        } catch (IOException e) {
            throw new BenchException("cannot reach the controller at " + base + " (" + e.getMessage()
                    + "); start the stack with ./paretune up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new BenchException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode body = parse(response.body());
        if (body == null) {
            throw new BenchException("GET " + path + ": not JSON: " + response.body());
        }
        return body;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.ConnectException e) {
            throw new BenchException("cannot reach the controller at " + base + "; start the stack with ./paretune up");
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private URI uri(String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    private static Map<String, String> labelled(List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(RANDOM, ids.get(0).trim());
        if (ids.size() > 1) {
            out.put(TPE_ASHA, ids.get(1).trim());
        }
        return out;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A failure the user can act on: printed as one line, exit status 1. */
    static final class BenchException extends RuntimeException {
        BenchException(String message) {
            super(message);
        }
    }
}
