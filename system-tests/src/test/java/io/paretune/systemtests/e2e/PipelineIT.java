package io.paretune.systemtests.e2e;

import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ModelCard;
import io.paretune.contract.api.ModelDownload;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline over a real broker with real processes: controller, evaluator and two workers training real
 * DL4J models on slices of Fashion-MNIST. The scenarios run in order on one stack (starting JVMs is the slow part).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static LocalStack stack;
    private static ServiceProcess controller;
    private static ServiceProcess evaluator;
    private static final List<ServiceProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startStack() throws Exception {
        stack = new LocalStack();
        controller = stack.controller(Map.of()).start();
        evaluator = stack.evaluator().start();
        workers.add(stack.worker("worker-a").start());
        workers.add(stack.worker("worker-b").start());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static String spec(int trials, int parallel, int epochs, int trainLimit, long seed) {
        return """
                {
                  "name": "e2e",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.05, "trainLimit": %d},
                  "searchSpace": {
                    "hiddenLayers": {"type": "int", "low": 1, "high": 2},
                    "units": {"type": "int", "low": 16, "high": 64, "log": true},
                    "learningRate": {"type": "float", "low": 1e-3, "high": 1e-2, "log": true},
                    "batchSize": 128
                  },
                  "objectives": [{"metric": "val_accuracy"}, {"metric": "latency_ms_p50"}],
                  "budget": {"maxTrials": %d, "maxParallel": %d, "maxEpochsPerTrial": %d},
                  "strategy": {"sampler": "random", "seed": %d},
                  "earlyStopping": {"patience": 0}
                }
                """.formatted(trainLimit, trials, parallel, epochs, seed);
    }

    private static String submit(String spec) {
        return RestAssured.given().baseUri(controller.url()).contentType(ContentType.JSON).body(spec)
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private static JsonPath campaign(String id) {
        return RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath trials(String id) {
        return RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id + "/trials")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void awaitCampaign(String id, Duration timeout, Predicate<JsonPath> condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> condition.test(campaign(id)));
    }

    @Test
    @Order(1)
    void campaignRunsThroughWorkerAndEvaluatorToCompletedWithScoresStored() throws Exception {
        String garbage = "not a trial job " + UUID.randomUUID();
        produce(Topics.TRIAL_JOBS, garbage);

        String id = submit(spec(3, 2, 2, 2000, 11));
        awaitCampaign(id, Duration.ofMinutes(5), c -> "COMPLETED".equals(c.getString("state")));

        JsonPath c = campaign(id);
        assertThat(c.getInt("trialCounts.COMPLETE")).isEqualTo(3);
        assertThat(c.getString("best.trialId")).isNotBlank();
        JsonPath t = trials(id);
        assertThat(t.getList("$")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String trial = "[" + i + "]";
            assertThat(t.getString(trial + ".state")).isEqualTo("COMPLETE");
            assertThat(t.getDouble(trial + ".metrics.val_accuracy")).as("well above chance").isGreaterThan(0.5);
            assertThat(t.getDouble(trial + ".metrics.test_accuracy")).isGreaterThan(0.5);
            assertThat(t.getDouble(trial + ".metrics.latency_ms_p50")).isPositive();
            assertThat(t.getDouble(trial + ".metrics.param_count")).isPositive();
            assertThat(t.getList(trial + ".history")).hasSize(2);
        }
        double best = c.getDouble("best.metrics.val_accuracy");
        for (int i = 0; i < 3; i++) {
            assertThat(t.getDouble("[" + i + "].metrics.val_accuracy")).isLessThanOrEqualTo(best);
        }

        ConsumerRecord<String, String> dead = awaitDeadLetter(garbage);
        assertThat(header(dead, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRIAL_JOBS);
    }

    /**
     * Compression in the loop, end to end: every trial is pruned one way (magnitude, structured, or gradual with a
     * grid over the three) and stored in int8, the evaluator scores the artifact the worker shipped, the campaign
     * ends with a verdict, and the chosen trial's model downloads with the SHA-256 its score recorded.
     */
    @Test
    @Order(2)
    void compressionCampaignEndsWithAVerdictAndADownloadableModelWhoseHashMatchesItsScore() throws Exception {
        String id = submit("""
                {
                  "name": "e2e compression",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 2000},
                  "searchSpace": {
                    "hiddenLayers": 1, "units": 64, "batchSize": 100, "learningRate": 3e-3,
                    "pruning": {"type": "categorical", "choices": ["magnitude", "structured", "gradual"]},
                    "targetSparsity": 0.75, "fineTuneEpochs": 1, "precision": "int8"
                  },
                  "objectives": [{"metric": "val_accuracy"}, {"metric": "nonzero_params"}],
                  "selection": {"rule": "knee"},
                  "budget": {"maxTrials": 3, "maxParallel": 2, "maxEpochsPerTrial": 3},
                  "strategy": {"sampler": "grid", "seed": 3},
                  "earlyStopping": {"patience": 0}
                }
                """);
        awaitCampaign(id, Duration.ofMinutes(5), c -> "COMPLETED".equals(c.getString("state")));

        JsonPath t = trials(id);
        assertThat(t.getList("$")).hasSize(3);
        Map<String, Map<String, Double>> byPruning = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String trial = "[" + i + "]";
            assertThat(t.getString(trial + ".state")).isEqualTo("COMPLETE");
            Map<String, Double> metrics = new HashMap<>();
            t.getMap(trial + ".metrics").forEach((k, v) -> metrics.put((String) k, ((Number) v).doubleValue()));
            byPruning.put(t.getString(trial + ".params.pruning"), metrics);
            assertThat(metrics.get("val_accuracy")).as("well above chance after int8").isGreaterThan(0.5);
            assertThat(metrics.get("compression_ratio")).as("int8 and pruned: far smaller than dense fp32")
                    .isGreaterThan(3.5);
        }
        assertThat(byPruning).containsOnlyKeys("magnitude", "structured", "gradual");
        // Three quarters of the weights zero (int8 rounding may zero a few more); structured keeps a quarter of the
        // hidden neurons, so its 784-16-10 network does a quarter of the dense 784-64-10 one's work.
        assertThat(byPruning.get("magnitude").get("sparsity")).isBetween(0.745, 0.8);
        assertThat(byPruning.get("gradual").get("sparsity")).isBetween(0.745, 0.8);
        assertThat(byPruning.get("magnitude").get("macs")).as("unstructured zeros still multiply")
                .isEqualTo(byPruning.get("gradual").get("macs"));
        assertThat(byPruning.get("structured").get("macs")).as("structured pruning removes the work")
                .isLessThan(byPruning.get("magnitude").get("macs") / 3);
        assertThat(byPruning.get("magnitude").get("accuracy_drop")).isNotNull();

        JsonPath c = campaign(id);
        String chosen = c.getString("verdict.trialId");
        assertThat(c.getString("verdict.rule")).isEqualTo("knee");
        assertThat(chosen).isNotBlank();
        assertThat(c.getString("verdict.sentence")).startsWith("Trial " + c.getInt("verdict.number"));
        JsonPath pareto = RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id + "/pareto")
                .then().statusCode(200).extract().jsonPath();
        assertThat(pareto.getString("chosenTrialId")).isEqualTo(chosen);
        assertThat(pareto.getList("front.findAll { it.chosen }.trialId")).containsExactly(chosen);

        ControllerClient api = new ControllerClient(URI.create(controller.url()));
        ModelCard card = api.modelCard(id, chosen);
        ModelDownload model = api.downloadModel(id, chosen, Files.createTempDirectory("paretune-e2e-model-"));
        byte[] bytes = Files.readAllBytes(model.file());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(model.sha256()).isEqualTo(card.artifact().sha256());
        assertThat((long) bytes.length).isEqualTo(card.artifact().sizeBytes()).isPositive();
        assertThat(card.compression().precision()).isEqualTo("int8");
        assertThat(card.compression().computePrecision()).as("no int8 kernel: said so").contains("fp32");
    }

    @Test
    @Order(3)
    void everyMetricTheDashboardsQueryIsExported() throws Exception {
        StringBuilder exported = new StringBuilder();
        exported.append(controller.metrics()).append(evaluator.metrics());
        for (ServiceProcess w : workers) {
            exported.append(w.metrics());
        }
        Set<String> names = new HashSet<>();
        for (String line : exported.toString().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        List<String> expected = Files.readAllLines(stack.root().resolve(
                "system-tests/src/test/resources/exported-metrics.txt")).stream()
                .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        assertThat(expected).isNotEmpty();
        assertThat(names).containsAll(expected);
    }

    @Test
    @Order(4)
    void restartedControllerCarriesTheCampaignOnWithNothingLost() throws Exception {
        String id = submit(spec(4, 1, 1, 1500, 23));
        awaitCampaign(id, Duration.ofMinutes(3), c -> c.getInt("trialCounts.COMPLETE") >= 1);
        JsonPath before = trials(id);

        controller.kill();
        controller = stack.controller(Map.of()).start();

        awaitCampaign(id, Duration.ofMinutes(5), c -> "COMPLETED".equals(c.getString("state")));
        JsonPath after = trials(id);
        assertThat(after.getList("$")).hasSize(4);
        assertThat(after.getList("state")).containsOnly("COMPLETE");
        assertThat(after.getList("number")).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(after.getMap("[0].params")).as("trial 0 unchanged by the restart")
                .isEqualTo(before.getMap("[0].params"));
        assertThat(after.getDouble("[0].metrics.val_accuracy")).isEqualTo(before.getDouble("[0].metrics.val_accuracy"));
    }

    @Test
    @Order(5)
    void longJobIsNeverHandedToTheIdleWorker() {
        // Full training split, 256-wide layers, 10 epochs: well past the 15 s record lock on this class of machine.
        String spec = """
                {
                  "name": "long job",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.05},
                  "searchSpace": {"hiddenLayers": 2, "units": 256, "batchSize": 128, "learningRate": 0.001},
                  "objectives": [{"metric": "val_accuracy"}],
                  "budget": {"maxTrials": 1, "maxParallel": 1, "maxEpochsPerTrial": 10},
                  "strategy": {"sampler": "random", "seed": 5},
                  "earlyStopping": {"patience": 0}
                }
                """;
        String id = submit(spec);
        awaitCampaign(id, Duration.ofMinutes(5), c -> "COMPLETED".equals(c.getString("state")));

        JsonPath t = trials(id);
        double trainingSeconds = t.getList("[0].history.epochSeconds", Float.class).stream()
                .mapToDouble(Float::doubleValue).sum();
        assertThat(trainingSeconds).as("the job outlived its record lock, else this test proves nothing")
                .isGreaterThan(LocalStack.RECORD_LOCK.toSeconds());
        assertThat(t.getInt("[0].attempt")).as("one attempt: the job left the queue when it started").isEqualTo(1);
        assertThat(t.getList("[0].history")).hasSize(10);
    }

    @Test
    @Order(6)
    void ashaCampaignPrunesEarlyAndPromotesTrialsFromCheckpointsOnEitherWorker() {
        AshaRun run = runAsha(17);
        assertThat(run.crossWorker()).as("a trial resumed from its checkpoint on the other worker; promotions: %s",
                run.promotions()).isPositive();
    }

    /** Segment boundaries of the campaign's trials ("worker-a → worker-b"), and how many changed worker. */
    private record AshaRun(List<String> promotions, long crossWorker) {
    }

    /**
     * Runs an ASHA campaign (6 trials, 3 epochs, rungs at epochs 1 and 2, so every segment is one epoch) to the end
     * and checks what pruning did. Every trial has the same network (only the learning rate varies), so segments
     * take about the same time. Three trials are in flight on two workers, so a job is always waiting: a worker that
     * has just checkpointed takes that waiting job at once (it is first on the queue), and the next segment of its
     * trial goes to the first worker free after it, which with equal segments is the other one.
     */
    private static AshaRun runAsha(long seed) {
        String spec = """
                {
                  "name": "asha e2e",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.2, "trainLimit": 2500},
                  "searchSpace": {
                    "hiddenLayers": 1, "units": 32, "batchSize": 50,
                    "learningRate": {"type": "float", "low": 1e-4, "high": 3e-2, "log": true}
                  },
                  "objectives": [{"metric": "val_accuracy"}],
                  "budget": {"maxTrials": 6, "maxParallel": 3, "maxEpochsPerTrial": 3},
                  "strategy": {"sampler": "random", "seed": %d,
                               "pruner": {"type": "asha", "minResource": 1, "reductionFactor": 2}},
                  "earlyStopping": {"patience": 0}
                }
                """.formatted(seed);
        String id = submit(spec);
        awaitCampaign(id, Duration.ofMinutes(3), c -> "COMPLETED".equals(c.getString("state")));

        List<Map<String, Object>> all = trials(id).getList("$");
        assertThat(all).hasSize(6);
        long saved = 0;
        long used = 0;
        List<String> promotions = new ArrayList<>();
        long crossWorker = 0;
        for (Map<String, Object> trial : all) {
            String state = (String) trial.get("state");
            int epochs = (Integer) trial.get("epochsTrained");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> history = (List<Map<String, Object>>) trial.get("history");
            assertThat(history).extracting(e -> e.get("epoch")).as("epochs of trial %s", trial.get("number"))
                    .isEqualTo(IntStream.rangeClosed(1, epochs).boxed().toList());
            assertThat(history).extracting(e -> e.get("segment")).as("one epoch per segment")
                    .isEqualTo(IntStream.range(0, epochs).boxed().toList());
            assertThat(state).isIn("COMPLETE", "PRUNED");
            if (state.equals("PRUNED")) {
                assertThat(epochs).as("pruned at a rung").isIn(1, 2);
                assertThat((String) trial.get("checkpointPath")).contains("checkpoint-epoch-" + epochs + "-attempt-");
                saved += 3 - epochs;
            } else {
                assertThat(epochs).isEqualTo(3);
                assertThat(((Map<?, ?>) trial.get("metrics")).get("val_accuracy")).isNotNull();
            }
            used += epochs;
            for (int i = 1; i < history.size(); i++) {
                Object before = history.get(i - 1).get("workerId");
                Object after = history.get(i).get("workerId");
                promotions.add(trial.get("number") + ": " + before + " → " + after);
                if (!before.equals(after)) {
                    crossWorker++;
                }
            }
        }
        JsonPath c = campaign(id);
        assertThat(c.getInt("trialCounts.PRUNED")).as("some trials stopped early").isPositive();
        assertThat(c.getInt("trialCounts.COMPLETE")).isPositive();
        assertThat(c.getLong("epochsUsed")).isEqualTo(used).isLessThan(6 * 3);
        assertThat(c.getLong("epochsSaved")).isEqualTo(saved).isPositive();
        return new AshaRun(promotions, crossWorker);
    }

    @Test
    @Order(7)
    void jobOfAKilledWorkerFinishesOnAnotherWorkerWithOneResult() throws Exception {
        // Long enough that the kill lands mid-training: 3 epochs over 20k images.
        String id = submit(spec(1, 1, 3, 20_000, 31));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath t = trials(id);
            return "RUNNING".equals(t.getString("[0].state")) && t.getString("[0].workerId") != null;
        });
        String firstWorker = trials(id).getString("[0].workerId");
        ServiceProcess victim = workers.stream().filter(w -> w.name().equals(firstWorker)).findFirst().orElseThrow();
        victim.kill();

        awaitCampaign(id, Duration.ofMinutes(5), c -> "COMPLETED".equals(c.getString("state")));
        JsonPath t = trials(id);
        assertThat(t.getList("$")).hasSize(1);
        assertThat(t.getString("[0].state")).isEqualTo("COMPLETE");
        assertThat(t.getString("[0].workerId")).isNotEqualTo(firstWorker);
        assertThat(t.getInt("[0].attempt")).isEqualTo(2);
        assertThat(t.getList("[0].history")).hasSize(3);
        assertThat(campaign(id).getInt("trialCounts.COMPLETE")).isEqualTo(1);
    }

    @Test
    @Order(8)
    void cancelledCampaignsQueuedJobsAreDroppedAndItsRunningTrialsStopWhileTheWorkersGoOn() {
        List<ServiceProcess> alive = workers.stream().filter(ServiceProcess::isAlive).toList();
        int queued = 2;
        int parallel = alive.size() + queued;
        // Long trials (full training split, 50 epochs: minutes here), so that only a stop can end them soon.
        String spec = """
                {
                  "name": "cancelled",
                  "dataset": {"name": "fashion-mnist", "validationFraction": 0.05},
                  "searchSpace": {"hiddenLayers": 2, "units": 256, "batchSize": 128,
                                  "learningRate": {"type": "float", "low": 1e-4, "high": 1e-3, "log": true}},
                  "objectives": [{"metric": "val_accuracy"}],
                  "budget": {"maxTrials": %d, "maxParallel": %d, "maxEpochsPerTrial": 50},
                  "strategy": {"sampler": "random", "seed": 43},
                  "earlyStopping": {"patience": 0}
                }
                """.formatted(parallel, parallel);
        String id = submit(spec);
        // Every worker trains one of them, so the others wait on the queue with nobody about to take them.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> all = trials(id).getList("$");
            return all.size() == parallel && all.stream().allMatch(t -> Boolean.TRUE.equals(t.get("dispatched")))
                    && all.stream().filter(t -> "RUNNING".equals(t.get("state")) && t.get("workerId") != null)
                    .count() == alive.size();
        });
        Set<Object> training = new HashSet<>(trials(id).getList("findAll { it.state == 'RUNNING' }.id"));

        RestAssured.given().baseUri(controller.url()).post("/api/v1/campaigns/" + id + "/cancel")
                .then().statusCode(200);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> trials(id).getList("state").stream().allMatch("FAIL"::equals));
        List<Map<String, Object>> all = trials(id).getList("$");
        assertThat(all).extracting(t -> t.get("failureReason")).containsOnly("campaign cancelled");
        for (Map<String, Object> trial : all) {
            if (training.contains(trial.get("id"))) {
                assertThat((List<?>) trial.get("history")).as("stopped mid-trial, not trained to the end")
                        .hasSizeLessThan(50);
                assertThat(trial.get("attempt")).as("ended, not dispatched again").isEqualTo(1);
            } else {
                assertThat(trial.get("attempt")).as("dropped from the queue: no worker started it").isEqualTo(0);
                assertThat(trial.get("workerId")).isNull();
            }
        }
        for (ServiceProcess worker : alive) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !RestAssured.given().baseUri(worker.url())
                    .get("/api/v1/worker").then().statusCode(200).extract().<Boolean>path("busy"));
        }

        String next = submit(spec(1, 1, 1, 1500, 47));
        awaitCampaign(next, Duration.ofMinutes(2), c -> "COMPLETED".equals(c.getString("state")));
        assertThat(trials(next).getInt("[0].attempt")).isEqualTo(1);
    }

    private static void produce(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "poison", value)).get();
        }
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String value) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(r.value())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with value " + value);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
