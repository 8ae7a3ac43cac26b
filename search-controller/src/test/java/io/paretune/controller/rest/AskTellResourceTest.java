package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.api.CampaignState;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.metrics.ControllerMetrics;
import io.paretune.controller.persistence.CampaignRepository;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The ask/tell API over HTTP, against the real database and broker, as a client in another language drives it. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class AskTellResourceTest {

    @Inject
    CampaignRepository campaigns;

    @Inject
    MeterRegistry registry;

    /** An external campaign: three user-named parameters, the loss to minimize. */
    private static ObjectNode quadratic(int maxTrials, int maxParallel, long seed) {
        return Specs.parse("""
                {
                  "name": "quadratic",
                  "evaluation": "external",
                  "searchSpace": {
                    "x": {"type": "float", "low": -5, "high": 5},
                    "layers": {"type": "int", "low": 1, "high": 4},
                    "optimizer": {"type": "categorical", "choices": ["adam", "sgd"]}
                  },
                  "objectives": [{"metric": "loss", "direction": "minimize"}],
                  "budget": {"maxTrials": %d, "maxParallel": %d},
                  "strategy": {"sampler": "random", "seed": %d}
                }
                """.formatted(maxTrials, maxParallel, seed));
    }

    private static String path(String campaignId, String rest) {
        return "/api/v1/campaigns/" + campaignId + "/trials/" + rest;
    }

    private static ValidatableResponse askResponse(String campaignId) {
        return given().post(path(campaignId, "ask")).then();
    }

    private static JsonNode ask(String campaignId) {
        return tree(askResponse(campaignId).statusCode(200).extract().asString());
    }

    private static ValidatableResponse report(String campaignId, String trialId, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path(campaignId, trialId + "/report")).then();
    }

    private static ValidatableResponse tell(String campaignId, String trialId, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path(campaignId, trialId + "/tell")).then();
    }

    private static ValidatableResponse tellLoss(String campaignId, String trialId, double loss) {
        return tell(campaignId, trialId, "{\"values\": {\"loss\": " + loss + "}}");
    }

    private static boolean prune(String campaignId, String trialId, int step, double loss) {
        return report(campaignId, trialId, "{\"step\": " + step + ", \"values\": {\"loss\": " + loss + "}}")
                .statusCode(200).extract().path("prune");
    }

    private static JsonNode trialView(String campaignId, String trialId) {
        for (JsonNode t : tree(given().get("/api/v1/campaigns/" + campaignId + "/trials").then().statusCode(200)
                .extract().asString())) {
            if (t.get("id").asText().equals(trialId)) {
                return t;
            }
        }
        throw new AssertionError("no trial " + trialId);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double quadraticLoss(JsonNode params) {
        double x = params.get("x").asDouble();
        return (x - 1) * (x - 1) + 0.1 * params.get("layers").asInt()
                + (params.get("optimizer").asText().equals("adam") ? 0 : 0.5);
    }

    @Test
    void askProposesDistinctTrialsWithinTheSpaceAndStartsTheCampaign() {
        String id = Api.submit(quadratic(5, 5, 3));
        assertThat(Api.campaign(id).getString("state")).isEqualTo("PENDING");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode asked = ask(id);
            assertThat(asked.get("number").asInt()).isEqualTo(i);
            ids.add(asked.get("trialId").asText());
            JsonNode p = asked.get("params");
            assertThat(p.get("x").asDouble()).isBetween(-5.0, 5.0);
            assertThat(p.get("layers").isIntegralNumber()).isTrue();
            assertThat(p.get("layers").asInt()).isBetween(1, 4);
            assertThat(p.get("optimizer").asText()).isIn("adam", "sgd");
        }
        assertThat(ids).hasSize(3);
        assertThat(Api.campaign(id).getString("state")).isEqualTo("RUNNING");
        JsonNode view = trialView(id, ids.iterator().next());
        assertThat(view.get("state").asText()).isEqualTo("RUNNING");
        assertThat(view.get("dispatched").asBoolean()).as("nothing goes to the workers").isFalse();
        assertThat(view.get("startedAt").isNull()).isFalse();
    }

    @Test
    void askReportTellLoopCompletesTheCampaignWithTheBestTrial() {
        String id = Api.submit(quadratic(4, 1, 5));
        String bestId = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            JsonNode asked = ask(id);
            String trialId = asked.get("trialId").asText();
            double loss = quadraticLoss(asked.get("params"));
            for (int step = 0; step < 3; step++) {
                assertThat(prune(id, trialId, step, loss + 1.0 / (step + 1))).as("no pruner, no pruning").isFalse();
            }
            tell(id, trialId, "{\"values\": {\"loss\": " + loss + ", \"wall_seconds\": 1.5}}").statusCode(200)
                    .body("trialId", equalTo(trialId)).body("state", equalTo("COMPLETE"))
                    .body("campaignState", equalTo(i == 3 ? "COMPLETED" : "RUNNING"));
            if (loss < bestLoss) {
                bestLoss = loss;
                bestId = trialId;
            }
        }
        JsonNode detail = tree(given().get("/api/v1/campaigns/" + id).then().statusCode(200).extract().asString());
        assertThat(detail.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(detail.at("/trialCounts/COMPLETE").asInt()).isEqualTo(4);
        assertThat(detail.at("/best/trialId").asText()).isEqualTo(bestId);
        assertThat(detail.at("/best/primaryValue").asDouble()).isEqualTo(bestLoss);
        assertThat(detail.at("/best/metrics/wall_seconds").asDouble()).as("extra metrics are kept").isEqualTo(1.5);

        JsonNode best = trialView(id, bestId);
        assertThat(best.at("/metrics/loss").asDouble()).isEqualTo(bestLoss);
        assertThat(best.get("intermediate").size()).isEqualTo(3);
        assertThat(best.at("/intermediate/2").asDouble()).isEqualTo(bestLoss + 1.0 / 3);

        askResponse(id).statusCode(409).body("error", containsString("COMPLETED"));
    }

    @Test
    void toldTrialsStartNoReconcilePass() {
        // Many clients telling at once would otherwise keep the loop passing over every campaign back to back.
        String id = Api.submit(quadratic(40, 1, 17));
        tellLoss(id, ask(id).get("trialId").asText(), 1.0); // the controller has read the campaign's spec
        Timer passes = registry.get(ControllerMetrics.RECONCILE_PASS).timer();
        long before = passes.count();
        long started = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            JsonNode asked = ask(id);
            tellLoss(id, asked.get("trialId").asText(), quadraticLoss(asked.get("params")));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The scheduled passes (one a second) and one already queued are all that may have run.
        assertThat(passes.count() - before).as("passes while 30 trials were told in %.1f s", seconds)
                .isLessThanOrEqualTo((long) Math.ceil(seconds) + 2);
    }

    @Test
    void askBeyondTheBudgetIs409() {
        String id = Api.submit(quadratic(2, 2, 1));
        String first = ask(id).get("trialId").asText();
        ask(id);
        askResponse(id).statusCode(409).contentType(ContentType.JSON)
                .body("error", containsString("budget is spent"))
                .body("error", containsString("budget.maxTrials"));
        tellLoss(id, first, 1.0).statusCode(200);
        askResponse(id).statusCode(409).body("error", containsString("budget is spent"));
    }

    @Test
    void askWithMaxParallelTrialsPendingIs409UntilOneIsTold() {
        String id = Api.submit(quadratic(5, 1, 2));
        String first = ask(id).get("trialId").asText();
        askResponse(id).statusCode(409)
                .body("error", containsString("budget.maxParallel = 1"))
                .body("error", containsString("trial numbers [0]"))
                .body("error", containsString("Tell their results"));
        tell(id, first, "{\"state\": \"FAILED\", \"reason\": \"out of memory\"}").statusCode(200);
        assertThat(ask(id).get("number").asInt()).isEqualTo(1);
    }

    @Test
    void tellingTwiceIs409AndChangesNothing() {
        String id = Api.submit(quadratic(3, 3, 4));
        String trialId = ask(id).get("trialId").asText();
        tellLoss(id, trialId, 2.5).statusCode(200).body("state", equalTo("COMPLETE"));

        tellLoss(id, trialId, 0.1).statusCode(409).body("error", containsString("already COMPLETE"));
        tell(id, trialId, "{\"state\": \"FAILED\"}").statusCode(409).body("error", containsString("already COMPLETE"));
        report(id, trialId, "{\"step\": 9, \"values\": {\"loss\": 0.1}}").statusCode(409)
                .body("error", containsString("already COMPLETE"));

        JsonNode view = trialView(id, trialId);
        assertThat(view.get("state").asText()).isEqualTo("COMPLETE");
        assertThat(view.at("/metrics/loss").asDouble()).isEqualTo(2.5);
        assertThat(view.get("primaryValue").asDouble()).isEqualTo(2.5);
        assertThat(view.get("intermediate").size()).isZero();
        assertThat(Api.campaign(id).getLong("trialCounts.COMPLETE")).isEqualTo(1);
    }

    @Test
    void unknownTrialsAndCampaignsAre404() {
        String id = Api.submit(quadratic(3, 3, 5));
        String other = Api.submit(quadratic(3, 3, 6));
        String foreign = ask(other).get("trialId").asText();
        String nobody = UUID.randomUUID().toString();
        tellLoss(id, nobody, 1).statusCode(404).contentType(ContentType.JSON).body("error", containsString(nobody));
        report(id, nobody, "{\"step\": 0, \"values\": {\"loss\": 1}}").statusCode(404);
        tellLoss(id, foreign, 1).statusCode(404).body("error", containsString(foreign));
        askResponse("nope").statusCode(404).body("error", containsString("nope"));
        tellLoss("nope", foreign, 1).statusCode(404);
        assertThat(trialView(other, foreign).get("state").asText()).as("untouched").isEqualTo("RUNNING");
    }

    @Test
    void valuesThatAreNotFiniteNumbersOrMissingAre400NamingTheField() {
        ObjectNode spec = quadratic(3, 3, 7);
        spec.withArray("objectives").addObject().put("metric", "latency_ms").put("direction", "minimize");
        spec.putArray("constraints").addObject().put("metric", "memory_gb").put("max", 8);
        String id = Api.submit(spec);
        String trialId = ask(id).get("trialId").asText();

        tell(id, trialId, "{\"values\": {\"loss\": NaN, \"latency_ms\": 3, \"memory_gb\": 1}}").statusCode(400)
                .body("error", equalTo("invalid tell"))
                .body("fieldErrors.field", equalTo(List.of("values.loss")))
                .body("fieldErrors[0].message", containsString("finite number"));
        tell(id, trialId, "{\"values\": {\"loss\": \"0.5\", \"latency_ms\": Infinity, \"memory_gb\": 1}}").statusCode(400)
                .body("fieldErrors.field", equalTo(List.of("values.loss", "values.latency_ms")));
        tell(id, trialId, "{\"values\": {\"loss\": 0.5, \"memory_gb\": 1e999}}").statusCode(400)
                .body("fieldErrors.field", hasItems("values.latency_ms", "values.memory_gb"));
        tell(id, trialId, "{\"values\": {\"loss\": 0.5}}").statusCode(400)
                .body("fieldErrors.field", equalTo(List.of("values.latency_ms", "values.memory_gb")))
                .body("fieldErrors[0].message", containsString("every objective"))
                .body("fieldErrors[1].message", containsString("constrains"));
        tell(id, trialId, "{\"values\": {\"loss\": 0.5, \"latency_ms\": 3, \"memory_gb\": 1}, \"colour\": 1}")
                .statusCode(400).body("fieldErrors.field", equalTo(List.of("colour")));
        tell(id, trialId, "{\"state\": \"DONE\"}").statusCode(400).body("fieldErrors.field", equalTo(List.of("state")));
        tell(id, trialId, "{\"state\": \"FAILED\", \"values\": {\"loss\": 1}}").statusCode(400)
                .body("fieldErrors.field", equalTo(List.of("values")));
        tell(id, trialId, "{\"values\": ").statusCode(400)
                .body("fieldErrors[0].field", equalTo("body"))
                .body("fieldErrors[0].message", containsString("malformed JSON"));
        tell(id, trialId, "").statusCode(400).body("fieldErrors[0].field", equalTo("body"));

        report(id, trialId, "{\"step\": -1, \"values\": {\"latency_ms\": 3}}").statusCode(400)
                .body("error", equalTo("invalid report"))
                .body("fieldErrors.field", equalTo(List.of("step", "values.loss")));
        report(id, trialId, "{\"step\": 1.5, \"values\": {\"loss\": NaN}}").statusCode(400)
                .body("fieldErrors.field", equalTo(List.of("step", "values.loss")));

        JsonNode view = trialView(id, trialId);
        assertThat(view.get("state").asText()).as("nothing recorded").isEqualTo("RUNNING");
        assertThat(view.get("intermediate").size()).isZero();
        tell(id, trialId, "{\"values\": {\"loss\": 0.5, \"latency_ms\": 3, \"memory_gb\": 9, \"note\": 7}}")
                .statusCode(200).body("state", equalTo("COMPLETE"));
        assertThat(trialView(id, trialId).at("/metrics/note").asDouble()).isEqualTo(7.0);
    }

    @Test
    void failedTellFailsTheTrialAndACampaignWithoutCompleteTrialsFails() {
        String id = Api.submit(quadratic(1, 1, 8));
        String trialId = ask(id).get("trialId").asText();
        tell(id, trialId, "{\"state\": \"FAILED\", \"reason\": \"diverged at step 3\"}").statusCode(200)
                .body("state", equalTo("FAIL")).body("campaignState", equalTo("FAILED"));
        JsonNode view = trialView(id, trialId);
        assertThat(view.get("failureReason").asText()).isEqualTo("diverged at step 3");
        assertThat(view.get("metrics").isNull()).isTrue();
        assertThat(Api.campaign(id).getString("reason")).contains("1 failed");
        tell(id, trialId, "{\"state\": \"FAILED\"}").statusCode(409).body("error", containsString("already FAILED"));
    }

    @Test
    void clientPrunedTrialKeepsItsLastIntermediateValue() {
        String id = Api.submit(quadratic(2, 2, 9));
        String trialId = ask(id).get("trialId").asText();
        prune(id, trialId, 0, 0.9);
        prune(id, trialId, 1, 0.7);
        tell(id, trialId, "{\"state\": \"PRUNED\"}").statusCode(200).body("state", equalTo("PRUNED"));
        JsonNode view = trialView(id, trialId);
        assertThat(view.get("primaryValue").asDouble()).isEqualTo(0.7);
        assertThat(view.get("failureReason").asText()).contains("after step 1");
    }

    @Test
    void reportsAreRecordedOncePerStep() {
        String id = Api.submit(quadratic(2, 2, 10));
        String trialId = ask(id).get("trialId").asText();
        String body = "{\"step\": 0, \"values\": {\"loss\": 0.8, \"accuracy\": 0.6}}";
        report(id, trialId, body).statusCode(200).body("prune", equalTo(false));
        report(id, trialId, body).statusCode(200).body("prune", equalTo(false));
        report(id, trialId, "{\"step\": 0, \"values\": {\"loss\": 0.5}}").statusCode(409)
                .body("error", containsString("already reported step 0"));
        assertThat(trialView(id, trialId).at("/intermediate/0").asDouble()).isEqualTo(0.8);
    }

    @Test
    void medianPrunerStopsAClearlyBadTrial() {
        ObjectNode spec = quadratic(6, 2, 11);
        spec.with("strategy").putObject("pruner").put("type", "median").put("startupTrials", 2);
        String id = Api.submit(spec);
        for (double base : new double[]{1.0, 0.5}) {
            String trialId = ask(id).get("trialId").asText();
            for (int step = 0; step < 3; step++) {
                assertThat(prune(id, trialId, step, base - 0.1 * step)).as("before startupTrials complete").isFalse();
            }
            tellLoss(id, trialId, base - 0.3).statusCode(200);
        }
        String bad = ask(id).get("trialId").asText();
        String good = ask(id).get("trialId").asText();
        assertThat(prune(id, good, 0, 0.2)).isFalse();
        assertThat(prune(id, bad, 0, 100.0)).as("far worse than the median at step 0").isTrue();

        JsonNode view = trialView(id, bad);
        assertThat(view.get("state").asText()).isEqualTo("PRUNED");
        assertThat(view.get("primaryValue").asDouble()).as("keeps its last intermediate value").isEqualTo(100.0);
        assertThat(view.get("failureReason").asText()).contains("median");
        assertThat(prune(id, bad, 0, 100.0)).as("a retried report that pruned it").isTrue();
        report(id, bad, "{\"step\": 1, \"values\": {\"loss\": 50}}").statusCode(409)
                .body("error", containsString("already PRUNED"));
        tellLoss(id, bad, 1).statusCode(409).body("error", containsString("already PRUNED"));

        assertThat(prune(id, good, 1, 0.1)).isFalse();
        tellLoss(id, good, 0.05).statusCode(200);
        assertThat(Api.campaign(id).getLong("trialCounts.PRUNED")).isEqualTo(1);
        assertThat(Api.campaign(id).getString("best.trialId")).isEqualTo(good);
    }

    @Test
    void cancelEndsAskedTrialsAndRefusesTheirReportsAndTells() {
        String id = Api.submit(quadratic(5, 2, 99));
        String first = ask(id).get("trialId").asText();
        String second = ask(id).get("trialId").asText();
        assertThat(prune(id, first, 0, 3.0)).isFalse();

        given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));

        assertThat(Api.trials(id).getList("state")).containsOnly("FAIL");
        assertThat(Api.trials(id).getList("failureReason")).containsOnly("campaign cancelled");
        tellLoss(id, first, 1.0).statusCode(409)
                .body("error", containsString("was cancelled, and trial 0 ended with it"))
                .body("error", containsString("no tell"));
        report(id, second, "{\"step\": 0, \"values\": {\"loss\": 2.0}}").statusCode(409)
                .body("error", containsString("was cancelled, and trial 1 ended with it"))
                .body("error", containsString("no report"));
        tell(id, second, "{\"state\": \"FAILED\", \"reason\": \"gave up\"}").statusCode(409);
        askResponse(id).statusCode(409).body("error", containsString("CANCELLED"));
        assertThat(Api.trials(id).getList("failureReason")).as("nothing recorded").containsOnly("campaign cancelled");
        assertThat(Api.campaign(id).getMap("trialCounts")).containsEntry("FAIL", 2).containsEntry("RUNNING", 0);
    }

    @Test
    void aTrialLeftRunningByAnEarlierCancelEndsAtItsNextTell() {
        String id = Api.submit(quadratic(5, 1, 98));
        String trial = ask(id).get("trialId").asText();
        // How cancel left external campaigns before it ended their asked trials.
        QuarkusTransaction.requiringNew().run(() -> campaigns.findById(id).state = CampaignState.CANCELLED);

        tellLoss(id, trial, 1.0).statusCode(409).body("error", containsString("was cancelled"));

        assertThat(Api.trial(id, 0).getString("state")).as("ended, not rolled back with the refusal").isEqualTo("FAIL");
        assertThat(Api.trial(id, 0).getString("failureReason")).isEqualTo("campaign cancelled");
        assertThat(Api.trial(id, 0).getString("metrics")).isNull();
    }

    @Test
    void aTrialFinishedBeforeTheCancelKeepsItsUsualAnswers() {
        String id = Api.submit(quadratic(5, 2, 97));
        String told = ask(id).get("trialId").asText();
        tellLoss(id, told, 1.5).statusCode(200);

        given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200);

        tellLoss(id, told, 1.0).statusCode(409).body("error", containsString("already COMPLETE"));
        assertThat(Api.trial(id, 0).getString("state")).isEqualTo("COMPLETE");
    }

    /** A trial keeps a bounded number of intermediate values (20 in tests); a repeat of one it has is answered. */
    @Test
    void aTrialTakesABoundedNumberOfReports() {
        String id = Api.submit(quadratic(1, 1, 77));
        String trialId = ask(id).get("trialId").asText();
        for (int step = 0; step < 20; step++) {
            report(id, trialId, "{\"step\": " + step + ", \"values\": {\"loss\": 0.5}}").statusCode(200);
        }

        report(id, trialId, "{\"step\": 20, \"values\": {\"loss\": 0.4}}").statusCode(409)
                .body("error", containsString("already has 20 intermediate values"));
        report(id, trialId, "{\"step\": 19, \"values\": {\"loss\": 0.5}}").statusCode(200);
        tellLoss(id, trialId, 0.5).statusCode(200);
        assertThat(Api.trial(id, 0).getMap("intermediate")).hasSize(20);
    }

    @Test
    void pipelineCampaignsRefuseAskTell() {
        String id = Api.submit(Specs.valid(2, 1));
        try {
            askResponse(id).statusCode(409).body("error", containsString("\"evaluation\": \"external\""));
            Api.awaitTrials(id, java.time.Duration.ofSeconds(20), t -> !t.getList("id").isEmpty());
            String trialId = Api.trials(id).getString("[0].id");
            tellLoss(id, trialId, 1).statusCode(409).body("error", containsString("pipeline"));
            report(id, trialId, "{\"step\": 0, \"values\": {\"val_accuracy\": 0.5}}").statusCode(409);
        } finally {
            given().post("/api/v1/campaigns/" + id + "/cancel");
        }
    }

    @Test
    void sameSeedProposesTheSameTrials() {
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            String id = Api.submit(quadratic(4, 1, 12345));
            List<Map<String, Object>> params = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonNode asked = ask(id);
                params.add(Json.mapper().convertValue(asked.get("params"), Map.class));
                tellLoss(id, asked.get("trialId").asText(), quadraticLoss(asked.get("params"))).statusCode(200);
            }
            runs.add(params);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(new HashSet<>(runs.get(0))).hasSize(4);
    }

    @Test
    void openApiDescribesAskTell() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/v1/campaigns/{id}/trials/ask",
                        "/api/v1/campaigns/{id}/trials/{trialId}/report", "/api/v1/campaigns/{id}/trials/{trialId}/tell",
                        "/api/v1/campaigns/{id}/trials"));
    }
}
