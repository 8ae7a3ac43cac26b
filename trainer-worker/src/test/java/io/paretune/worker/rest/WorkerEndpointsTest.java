package io.paretune.worker.rest;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialResult;
import io.paretune.kafka.local.LocalKafkaResource;
import io.paretune.ml.backend.CpuInfo;
import io.paretune.ml.backend.NativeBuild;
import io.paretune.worker.training.TrialJobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class WorkerEndpointsTest {

    @Test
    void statusNamesTheWorkerAndItsBackend() {
        // ChooseNativeBuildFirst chose the build before Quarkus started, as WorkerMain does in the packaged app.
        String chosen = NativeBuild.selected().orElseThrow().build().classifier();
        given().when().get("/api/v1/worker").then()
                .statusCode(200)
                .body("id", notNullValue())
                .body("backend", startsWith("nd4j-native CpuBackend, OMP threads 1, build " + chosen + ", OPENBLAS"))
                .body("jobsDone", greaterThanOrEqualTo(0))
                .body("device.backend", equalTo("nd4j-native"))
                .body("device.build", equalTo(chosen))
                .body("device.selected", equalTo(chosen))
                .body("device.reason", not(emptyOrNullString()))
                .body("device.cpu", equalTo(CpuInfo.read().model()))
                .body("device.ompThreads", equalTo(1))   // surefire sets OMP_NUM_THREADS=1
                .body("device.blasVendor", equalTo("OPENBLAS"))
                .body("device.gpus", empty());
    }

    @Test
    void healthAndMetricsNameTheBackend() {
        String chosen = NativeBuild.selected().orElseThrow().build().classifier();
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'nd4j-backend' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'nd4j-backend' }.data.backend", equalTo("nd4j-native"))
                .body("checks.find { it.name == 'nd4j-backend' }.data.build", equalTo(chosen))
                .body("checks.find { it.name == 'nd4j-backend' }.data.ompThreads", equalTo(1));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("paretune_worker_backend_info\\{backend=\"nd4j-native\",build=\""
                + Pattern.quote(chosen) + "\",cpu=\"[^\"]+\",gpu=\"none\",threads=\"1\"} 1\\.0");
    }

    @Test
    void readyOnceTheConsumerLoopRuns() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready").then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'trial-job-consumer' }.status", equalTo("UP")));
    }

    @Test
    void exportsTheWorkerMetricsAfterATrial() throws Exception {
        TrialJob job = TrialJobs.small(1);
        runToResult(job);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("paretune_worker_trials_total\\{[^}]*outcome=\"trained\"[^}]*} [1-9]")
                .contains("paretune_worker_trials_total{outcome=\"failed\"")
                .contains("paretune_worker_epoch_duration_seconds_count")
                .contains("paretune_worker_trial_duration_seconds_count")
                .contains("paretune_worker_samples_per_second")
                .contains("paretune_worker_busy")
                .contains("paretune_worker_jobs_cancelled_total{stage=\"queued\"}")
                .contains("paretune_worker_jobs_cancelled_total{stage=\"training\"}")
                .contains("paretune_messages_dead_lettered_total{service=\"worker\",topic=\"" + Topics.TRIAL_JOBS + "\"}");
        given().when().get("/api/v1/worker").then().body("jobsDone", greaterThanOrEqualTo(1));
    }

    private static void runToResult(TrialJob job) throws Exception {
        String bootstrap = LocalKafkaResource.bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> results = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(Topics.TRIAL_JOBS, job.trialId(),
                    new String(Json.write(job), StandardCharsets.UTF_8))).get();
            results.subscribe(List.of(Topics.TRIAL_RESULTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : results.poll(Duration.ofMillis(500))) {
                    if (job.trialId().equals(record.key())) {
                        TrialResult result = Json.read(record.value().getBytes(StandardCharsets.UTF_8), TrialResult.class);
                        assertThat(result.outcome()).isEqualTo(TrialResult.Outcome.TRAINED);
                        return;
                    }
                }
            }
            throw new AssertionError("no result for " + job.trialId());
        }
    }
}
