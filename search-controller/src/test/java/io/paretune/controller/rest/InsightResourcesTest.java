package io.paretune.controller.rest;

import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers computed over many rows, on trials the test plays worker and evaluator for over the real broker:
 * parameter importance of a campaign, the workers heard from lately, and the model families' catalogues.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class InsightResourcesTest {

    @Test
    void importanceNamesTheParameterTheObjectiveFollows() {
        String id = Api.submit(Specs.valid(12, 12));
        JsonPath before = given().get("/api/v1/campaigns/" + id + "/importance").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getList("parameters")).isEmpty();
        assertThat(before.getString("omitted")).contains("at least 5");

        try (KafkaPlayer player = new KafkaPlayer()) {
            for (TrialJob job : player.awaitJobs(id, 12, Duration.ofSeconds(60))) {
                // Accuracy follows the learning rate alone (best at 1e-2.5); the other parameters are noise.
                double lr = ((Number) job.params().get("learningRate")).doubleValue();
                player.runToScore(job, "worker-importance", 0.9 - 0.05 * Math.abs(Math.log10(lr) + 2.5));
            }
        }
        Api.awaitCampaign(id, Duration.ofSeconds(60), c -> "COMPLETED".equals(c.getString("state")));

        JsonPath importance = given().get("/api/v1/campaigns/" + id + "/importance").then().statusCode(200)
                .extract().jsonPath();
        assertThat(importance.getString("metric")).isEqualTo("val_accuracy");
        assertThat(importance.getInt("trials")).isEqualTo(12);
        assertThat(importance.getString("omitted")).isNull();
        assertThat(importance.getString("parameters[0].parameter")).isEqualTo("learningRate");
        assertThat(importance.getDouble("parameters[0].importance")).isGreaterThan(0.5);
        given().get("/api/v1/campaigns/absent/importance").then().statusCode(404);
    }

    @Test
    void workersShowWhatTheyTrainNowAndTheBackendTheyReported() {
        String id = Api.submit(Specs.valid(2, 2));
        try (KafkaPlayer player = new KafkaPlayer()) {
            List<TrialJob> jobs = player.awaitJobs(id, 2, Duration.ofSeconds(60));
            player.runToScore(jobs.get(0), "worker-done", 0.8);
            player.started(jobs.get(1), 1, "worker-busy");
            player.epoch(jobs.get(1), 1, "worker-busy", 1, 0.7);
            Api.awaitTrials(id, Duration.ofSeconds(30), t -> "COMPLETE".equals(t.getString("[0].state"))
                    && Integer.valueOf(1).equals(t.get("[1].epochsTrained")));
        }
        List<Map<String, Object>> workers = given().get("/api/v1/workers").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> busy = find(workers, "worker-busy");
        Map<String, Object> done = find(workers, "worker-done");
        assertThat((List<?>) busy.get("training")).singleElement().satisfies(t -> {
            assertThat(((Map<?, ?>) t).get("campaignId")).isEqualTo(id);
            assertThat(((Map<?, ?>) t).get("number")).isEqualTo(1);
            assertThat(((Map<?, ?>) t).get("epochsTrained")).isEqualTo(1);
        });
        assertThat(busy.get("backend")).isNull();
        assertThat((List<?>) done.get("training")).isEmpty();
        assertThat(done.get("backend")).isEqualTo("CpuBackend (test)");
        given().get("/api/v1/workers?withinMinutes=0").then().statusCode(400);
    }

    @Test
    void theModelFamiliesListTheirParameters() {
        JsonPath families = given().get("/api/v1/model-families").then().statusCode(200).extract().jsonPath();
        assertThat(families.<String>getList("name")).containsExactly("mlp", "cnn");
        assertThat(families.<String>getList("find { it.name == 'mlp' }.parameters.name"))
                .contains("hiddenLayers", "units", "learningRate", "pruning");
        assertThat(families.<String>getList("find { it.name == 'cnn' }.parameters.name")).contains("convLayers");
    }

    private static Map<String, Object> find(List<Map<String, Object>> workers, String id) {
        return workers.stream().filter(w -> id.equals(w.get("workerId"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + workers));
    }
}
