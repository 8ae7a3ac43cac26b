package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.controller.campaign.CampaignService;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.Messages;
import io.paretune.controller.testing.Specs;
import io.paretune.controller.trial.TrialEvents;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The campaign's answer to "which trade-offs": the feasible-first best trial, the Pareto front, the verdict and the
 * measured front of {@code /pareto}, over the API.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class TradeOffViewTest {

    @Inject
    CampaignService campaigns;
    @Inject
    TrialEvents trials;
    @Inject
    CampaignViews views;

    /** Maximize val_accuracy, minimize latency_ms_p50, with latency at most 0.3 ms; four trials proposed at once. */
    private String constrainedCampaign() {
        ObjectNode spec = Specs.valid(4, 4);
        spec.putArray("constraints").addObject().put("metric", "latency_ms_p50").put("max", 0.3);
        String id = campaigns.submit(spec, "test").id;
        await().atMost(Duration.ofSeconds(30)).until(() -> views.trials(id, 0, 1000).items().size() == 4);
        return id;
    }

    private void score(String campaignId, int number, double accuracy, double latency) {
        String trialId = views.trials(campaignId, 0, 1000).items().stream().filter(t -> t.number() == number)
                .findFirst().orElseThrow().id();
        Messages m = new Messages(campaignId, trialId);
        trials.onProgress(m.started(1, "worker-a"));
        trials.onResult(m.trained(1, "worker-a"));
        trials.onScore(m.scored(Map.of("val_accuracy", accuracy, "latency_ms_p50", latency)));
    }

    @Test
    void bestIsFeasibleFirstAndTheFrontHoldsTheFeasibleTradeOffs() {
        String id = constrainedCampaign();
        score(id, 0, 0.90, 0.50); // most accurate, but too slow
        assertThat(Api.campaign(id).getInt("best.number")).isZero();
        assertThat(Api.campaign(id).getBoolean("best.feasible")).isFalse();
        score(id, 1, 0.80, 0.10);
        assertThat(Api.campaign(id).getInt("best.number")).as("a feasible trial beats an infeasible one").isEqualTo(1);
        score(id, 2, 0.85, 0.20);
        score(id, 3, 0.70, 0.25); // dominated by 1 and 2

        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getInt("best.number")).isEqualTo(2);
        assertThat(campaign.getBoolean("best.feasible")).isTrue();
        assertThat(campaign.getList("paretoFront.number", Integer.class)).as("best first on val_accuracy").containsExactly(2, 1);
        assertThat(campaign.getList("paretoFront.feasible", Boolean.class)).containsExactly(true, true);
        assertThat(campaign.getDouble("paretoFront[0].values.val_accuracy")).isEqualTo(0.85);
        assertThat(campaign.getDouble("paretoFront[0].values.latency_ms_p50")).isEqualTo(0.20);
        assertThat(campaign.getString("paretoFront[1].trialId")).isEqualTo(Api.trial(id, 1).getString("id"));
        assertThat(campaign.getMap("paretoFront[1].params")).containsKeys("units", "learningRate", "activation", "batchSize");

        assertThat(Api.trial(id, 0).getBoolean("feasible")).isFalse();
        assertThat(Api.trial(id, 2).getBoolean("feasible")).isTrue();
    }

    @Test
    void withoutConstraintsFeasibleIsNullAndTheFrontIsNonDominated() {
        String id = campaigns.submit(Specs.valid(3, 3), "test").id;
        await().atMost(Duration.ofSeconds(30)).until(() -> views.trials(id, 0, 1000).items().size() == 3);
        assertThat(Api.campaign(id).getList("paretoFront")).isEmpty();
        score(id, 0, 0.80, 0.40);
        score(id, 1, 0.90, 0.50);
        score(id, 2, 0.70, 0.60); // dominated by 0

        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getList("paretoFront.number", Integer.class)).containsExactly(1, 0);
        assertThat(campaign.getList("paretoFront.feasible", Boolean.class)).containsExactly(null, null);
        assertThat(campaign.get("best.feasible") == null).isTrue();
        assertThat(Api.trial(id, 0).get("feasible") == null).isTrue();
    }

    @Test
    void theVerdictNamesTheKneeAndTheParetoEndpointMeasuresTheFront() {
        ObjectNode spec = Specs.valid(4, 4);
        spec.putObject("selection").put("rule", "knee");
        String id = campaigns.submit(spec, "test").id;
        await().atMost(Duration.ofSeconds(30)).until(() -> views.trials(id, 0, 1000).items().size() == 4);
        assertThat(Api.campaign(id).get("verdict") == null).as("no verdict before a trial is complete").isTrue();
        score(id, 0, 0.90, 0.50);
        score(id, 1, 0.80, 0.10);
        score(id, 2, 0.85, 0.20);
        score(id, 3, 0.70, 0.25); // dominated by 1

        // Normalized over the front 0, 2, 1: (0, 1), (0.5, 0.25), (1, 0); trial 2 lies below the line x + y = 1.
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getString("spec.selection.rule")).isEqualTo("knee");
        assertThat(campaign.getString("verdict.rule")).isEqualTo("knee");
        assertThat(campaign.getInt("verdict.number")).isEqualTo(2);
        assertThat(campaign.getString("verdict.trialId")).isEqualTo(Api.trial(id, 2).getString("id"));
        assertThat(campaign.getString("verdict.sentence"))
                .isEqualTo("Trial 2: 5.0 points below the most accurate (trial 0), 2.5x faster at batch 1");
        assertThat(campaign.getDouble("verdict.metrics.latency_ms_p50")).isEqualTo(0.20);
        assertThat(campaign.getInt("best.number")).as("best stays the primary objective's").isZero();

        JsonPath pareto = given().get("/api/v1/campaigns/" + id + "/pareto").then().statusCode(200)
                .extract().jsonPath();
        assertThat(pareto.getString("rule")).isEqualTo("knee");
        assertThat(pareto.getBoolean("feasibleOnly")).isTrue();
        assertThat(pareto.getList("front.number", Integer.class)).containsExactly(0, 2, 1);
        assertThat(pareto.getList("front.chosen", Boolean.class)).containsExactly(false, true, false);
        assertThat(pareto.getString("chosenTrialId")).isEqualTo(campaign.getString("verdict.trialId"));
        assertThat(pareto.getDouble("front[1].normalized.val_accuracy")).isCloseTo(0.5, within(1e-9));
        assertThat(pareto.getDouble("front[1].normalized.latency_ms_p50")).isCloseTo(0.25, within(1e-9));
        assertThat(pareto.getDouble("bounds.val_accuracy.best")).isEqualTo(0.90);
        assertThat(pareto.getDouble("bounds.latency_ms_p50.worst")).isEqualTo(0.50);
        // 1.1 x 0.1 + 0.6 x 0.75 + 0.1 x 0.25
        assertThat(pareto.getDouble("hypervolume.value")).isCloseTo(0.585, within(1e-9));
        assertThat(pareto.getDouble("hypervolume.reference.latency_ms_p50")).isCloseTo(1.1, within(1e-12));
        assertThat(pareto.getDouble("hypervolume.referenceValues.val_accuracy")).isCloseTo(0.79, within(1e-9));
        assertThat(pareto.getDouble("hypervolume.referenceValues.latency_ms_p50")).isCloseTo(0.54, within(1e-9));
        assertThat(pareto.getDouble("hypervolume.maximum")).isCloseTo(1.21, within(1e-9));
        assertThat(pareto.getString("hypervolume.omitted")).isNull();
    }

    @Test
    void theConstraintsRuleNamesNoTrialWhileNoneMeetsThemAndSaysWhy() {
        ObjectNode spec = Specs.valid(2, 2);
        spec.putArray("constraints").addObject().put("metric", "latency_ms_p50").put("max", 0.1);
        spec.putObject("selection").put("rule", "constraints");
        String id = campaigns.submit(spec, "test").id;
        await().atMost(Duration.ofSeconds(30)).until(() -> views.trials(id, 0, 1000).items().size() == 2);
        score(id, 0, 0.90, 0.50);
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getString("verdict.rule")).isEqualTo("constraints");
        assertThat(campaign.getString("verdict.trialId")).isNull();
        assertThat(campaign.getString("verdict.sentence"))
                .isEqualTo("No trial meets the constraints yet: the one complete trial misses them");
        JsonPath pareto = given().get("/api/v1/campaigns/" + id + "/pareto").then().statusCode(200)
                .extract().jsonPath();
        assertThat(pareto.getBoolean("feasibleOnly")).isFalse();
        assertThat(pareto.getList("front.feasible", Boolean.class)).containsExactly(false);
        assertThat(pareto.getString("chosenTrialId")).isNull();

        score(id, 1, 0.80, 0.05);
        assertThat(Api.campaign(id).getInt("verdict.number")).isEqualTo(1);
    }

    @Test
    void theParetoOfAnUnknownCampaignIs404AndBadSelectionsAre400NamingTheFields() {
        given().get("/api/v1/campaigns/absent/pareto").then().statusCode(404);
        ObjectNode spec = Specs.valid();
        spec.putObject("selection").put("rule", "weighted").putObject("weights").put("param_count", 1)
                .put("latency_ms_p50", -1);
        List<String> fields = given().contentType(ContentType.JSON).body(spec.toString()).post("/api/v1/campaigns")
                .then().statusCode(400).extract().jsonPath().getList("fieldErrors.field");
        assertThat(fields).containsExactly("selection.weights.param_count", "selection.weights.latency_ms_p50");
    }

    @Test
    void aGridOverAFloatRangeWithoutValuesIsRefusedAtSubmission() {
        ObjectNode spec = Specs.valid();
        spec.with("strategy").put("sampler", "grid");
        List<String> fields = given().contentType(ContentType.JSON).body(spec.toString()).post("/api/v1/campaigns")
                .then().statusCode(400).body("error", equalTo("invalid campaign spec"))
                .extract().jsonPath().getList("fieldErrors.field");
        assertThat(fields).containsExactly("searchSpace.learningRate");

        spec.with("strategy").putObject("options").putObject("values").putArray("learningRate").add(1e-3).add(1e-2);
        String id = Api.submit(spec);
        await().atMost(Duration.ofSeconds(30)).until(() -> views.trials(id, 0, 1000).items().size() == 2);
        assertThat(views.trials(id, 0, 1000).items()).extracting(t -> t.params().get("learningRate"))
                .allMatch(v -> List.of(1e-3, 1e-2).contains(v));
    }

    @Test
    void nsga2OptionsAreCheckedAtSubmission() {
        ObjectNode spec = Specs.valid();
        spec.with("strategy").put("sampler", "nsga2").putObject("options").put("populationSize", 1);
        given().contentType(ContentType.JSON).body(spec.toString()).post("/api/v1/campaigns")
                .then().statusCode(400).body("fieldErrors[0].field", equalTo("strategy.options.populationSize"));
    }
}
