package io.paretune.systemtests.e2e;

import io.paretune.contract.api.ControllerClient;
import io.paretune.contract.api.ModelCard;
import io.paretune.contract.api.ModelDownload;
import io.paretune.contract.messaging.Topics;
import io.paretune.testing.S3TestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packaged services, unchanged, set up as on a cluster: a broker with SASL/SCRAM over TLS and the services' ACLs,
 * each service given only its own user in its {@code kafka.*} settings, and models and checkpoints in S3-compatible
 * storage (a real S3 server on loopback) with no directory shared between the services. A campaign trained in
 * segments completes although the worker that began it stops and another, which never saw its files, resumes from
 * its checkpoints; the chosen model downloads through the controller with the scored hash, and a job forged with the
 * worker's login is refused.
 */
class ClusterPipelineIT {

    private static final String PREFIX = "cluster-e2e";
    private static final List<String> SERVICES = List.of("controller", "evaluator", "worker-a", "worker-b");

    /**
     * Every epoch a segment of its own (the median pruner decides after each one) and nothing pruned (it never has its
     * startup trials), so that every trial goes on from a checkpoint after each epoch.
     */
    private static final String SPEC = """
            {
              "name": "e2e-cluster",
              "dataset": {"name": "fashion-mnist", "validationFraction": 0.2, "trainLimit": 3000},
              "searchSpace": {
                "hiddenLayers": 1, "units": 32, "batchSize": 50,
                "learningRate": {"type": "float", "low": 1e-3, "high": 1e-2, "log": true}
              },
              "objectives": [{"metric": "val_accuracy"}],
              "budget": {"maxTrials": 3, "maxParallel": 1, "maxEpochsPerTrial": 3},
              "strategy": {"sampler": "random", "seed": 17,
                           "pruner": {"type": "median", "startupTrials": 100, "warmupSteps": 0, "intervalSteps": 1}},
              "earlyStopping": {"patience": 0}
            }
            """;

    @Test
    void servicesSharingNoDirectoryCompleteACampaignThroughAnObjectStoreEachAsItsOwnKafkaUser() throws Exception {
        try (S3TestServer s3 = S3TestServer.start("paretune");
             LocalStack stack = new LocalStack(true).useObjectStore(s3.storeSettings(PREFIX))) {
            ServiceProcess controller = stack.controller(Map.of()).start();
            stack.evaluator().start();
            ServiceProcess first = stack.worker("worker-a").start();

            String id = RestAssured.given().baseUri(controller.url()).contentType(ContentType.JSON).body(SPEC)
                    .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
            // Once worker-a has left a checkpoint in the bucket, it stops (releasing any job it holds) and worker-b,
            // which shares no directory with it, takes over: every later segment resumes from what worker-a wrote.
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                    s3.keys(PREFIX + "/").stream().anyMatch(k -> k.contains("/checkpoint-epoch-")));
            first.close();
            stack.worker("worker-b").start();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "COMPLETED".equals(RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id)
                            .then().statusCode(200).extract().path("state")));

            JsonPath trials = RestAssured.given().baseUri(controller.url())
                    .get("/api/v1/campaigns/" + id + "/trials").then().statusCode(200).extract().jsonPath();
            assertThat(trials.getList("state", String.class)).containsOnly("COMPLETE").hasSize(3);
            assertThat(trials.getList("epochsTrained", Integer.class)).containsOnly(3);
            assertThat(resumedOnTheOtherWorker(trials)).as("segments resumed on worker-b from worker-a's checkpoint")
                    .isPositive();

            List<String> keys = s3.keys(PREFIX + "/");
            assertThat(keys).as("checkpoints and models in the bucket")
                    .anyMatch(k -> k.contains("/checkpoint-epoch-")).anyMatch(k -> k.contains("/model-"))
                    .allMatch(k -> k.startsWith(PREFIX + "/" + id + "/"));
            for (String service : SERVICES) {
                assertThat(filesUnder(stack.privateDir(service))).as("files %s wrote locally", service).isEmpty();
            }

            String best = trials.getString("find { it.state == 'COMPLETE' }.id");
            ControllerClient api = new ControllerClient(URI.create(controller.url()));
            ModelCard card = api.modelCard(id, best);
            ModelDownload model = api.downloadModel(id, best, Files.createTempDirectory("paretune-e2e-model-"));
            byte[] bytes = Files.readAllBytes(model.file());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(model.sha256()).isEqualTo(card.artifact().sha256());
            assertThat(card.artifact().available()).isTrue();

            try (KafkaProducer<String, String> worker = new KafkaProducer<>(new HashMap<>(stack.kafkaClient("worker")),
                    new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> worker.send(new ProducerRecord<>(Topics.TRIAL_JOBS, "forged", "{}"))
                        .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    /** Segment boundaries at which a trial changed worker. */
    private static long resumedOnTheOtherWorker(JsonPath trials) {
        long changes = 0;
        for (List<Map<String, Object>> history : trials.<List<Map<String, Object>>>getList("history")) {
            for (int i = 1; i < history.size(); i++) {
                if (!history.get(i - 1).get("workerId").equals(history.get(i).get("workerId"))) {
                    changes++;
                }
            }
        }
        return changes;
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
