package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CampaignResourceTest {

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/campaigns").then();
    }

    private static ValidatableResponse rejected(ObjectNode spec) {
        return post(spec.toString()).statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid campaign spec"));
    }

    private static List<String> fields(ValidatableResponse response) {
        return response.extract().jsonPath().getList("fieldErrors.field");
    }

    /**
     * Lists come in pages: the total in X-Total-Count, the next page's link while there is one, every campaign
     * exactly once over the pages, and limits out of range refused naming the parameter.
     */
    @Test
    void campaignsAndTrialsComeInPages() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Specs.external(2, 1)).post("/api/v1/campaigns").then()
                    .statusCode(201);
        }
        var first = given().queryParam("limit", 2).get("/api/v1/campaigns").then().statusCode(200).extract();
        long total = Long.parseLong(first.header("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.jsonPath().getList("id")).hasSize(2);
        assertThat(first.header("Link")).contains("offset=2", "limit=2", "rel=\"next\"");
        List<String> all = new java.util.ArrayList<>();
        for (int offset = 0; offset < total; offset += 2) {
            all.addAll(given().queryParam("limit", 2).queryParam("offset", offset).get("/api/v1/campaigns")
                    .then().statusCode(200).extract().jsonPath().getList("id"));
        }
        assertThat(all).hasSize((int) total).doesNotHaveDuplicates();
        var last = given().queryParam("limit", 2).queryParam("offset", total - 1).get("/api/v1/campaigns")
                .then().statusCode(200).extract();
        assertThat(last.header("Link")).as("no next page after the last").isNull();

        String id = all.get(0);
        var trials = given().queryParam("limit", 1).get("/api/v1/campaigns/" + id + "/trials")
                .then().statusCode(200).extract();
        assertThat(trials.header("X-Total-Count")).isNotNull();

        given().queryParam("limit", 0).queryParam("offset", -1).get("/api/v1/campaigns").then().statusCode(400)
                .body("fieldErrors.field", equalTo(List.of("limit", "offset")))
                .body("fieldErrors[0].message", equalTo("must be an integer from 1 to 1000, got '0'"));
        given().queryParam("limit", "many").get("/api/v1/campaigns/" + id + "/trials").then().statusCode(400)
                .body("fieldErrors[0].field", equalTo("limit"));
    }

    @Test
    void validSpecIsStoredPendingOrRunningWithLocation() {
        String location = post(Specs.valid().toString()).statusCode(201)
                .body("id", notNullValue())
                .body("state", equalTo("PENDING"))
                .extract().header("Location");
        String id = given().get(location).then().statusCode(200).extract().path("id");
        assertThat(location).endsWith("/api/v1/campaigns/" + id);
    }

    @Test
    void unknownParameterIsNamed() {
        ObjectNode spec = Specs.valid();
        spec.with("searchSpace").putObject("momentum").put("type", "float").put("low", 0.1).put("high", 0.9);
        assertThat(fields(rejected(spec))).containsExactly("searchSpace.momentum");
    }

    @Test
    void lowAboveHighIsNamed() {
        ObjectNode spec = Specs.valid();
        spec.with("searchSpace").with("learningRate").put("low", 0.5).put("high", 0.1);
        assertThat(fields(rejected(spec))).containsExactly("searchSpace.learningRate");
    }

    @Test
    void nonPositiveBudgetIsNamed() {
        ObjectNode spec = Specs.valid();
        spec.with("budget").put("maxTrials", 0);
        rejected(spec).body("fieldErrors", hasSize(1))
                .body("fieldErrors[0].field", equalTo("budget.maxTrials"))
                .body("fieldErrors[0].message", containsString("positive"));
    }

    @Test
    void unknownMetricIsNamed() {
        ObjectNode spec = Specs.valid();
        ((ObjectNode) spec.withArray("objectives").get(0)).put("metric", "f1_score");
        assertThat(fields(rejected(spec))).containsExactly("objectives[0].metric");
    }

    @Test
    void testAccuracyCannotBeAnObjective() {
        ObjectNode spec = Specs.valid();
        ((ObjectNode) spec.withArray("objectives").get(1)).put("metric", "test_accuracy");
        rejected(spec).body("fieldErrors.field", equalTo(List.of("objectives[1].metric")))
                .body("fieldErrors[0].message", containsString("cannot be an objective"));
    }

    @Test
    void unknownDatasetIsNamed() {
        ObjectNode spec = Specs.valid();
        spec.with("dataset").put("name", "cifar-10");
        assertThat(fields(rejected(spec))).containsExactly("dataset.name");
    }

    @Test
    void unknownSamplerIsNamedWithTheKnownOnes() {
        ObjectNode spec = Specs.valid();
        spec.with("strategy").put("sampler", "annealing");
        rejected(spec).body("fieldErrors.field", equalTo(List.of("strategy.sampler")))
                .body("fieldErrors[0].message", containsString("[grid, motpe, nsga2, random, tpe]"));
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        ObjectNode spec = Specs.valid();
        spec.with("budget").put("maxTrials", -1).put("maxParallel", 0);
        spec.with("dataset").put("name", "mnist");
        spec.with("searchSpace").with("units").put("low", 300).put("high", 20);
        spec.with("strategy").put("sampler", "annealing");
        spec.put("colour", "blue");
        assertThat(fields(rejected(spec))).containsExactlyInAnyOrder("budget.maxTrials", "budget.maxParallel",
                "dataset.name", "searchSpace.units", "strategy.sampler", "colour");
    }

    @Test
    void malformedJsonIsA400NamingTheBody() {
        post("{\"name\": \"broken\", ").statusCode(400)
                .body("error", equalTo("invalid campaign spec"))
                .body("fieldErrors[0].field", equalTo("body"))
                .body("fieldErrors[0].message", containsString("malformed JSON"));
        post("{\"name\": \"a\", \"name\": \"b\"}").statusCode(400).body("fieldErrors[0].field", equalTo("body"));
        post("[1, 2]").statusCode(400).body("fieldErrors[0].field", equalTo(""));
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).post("/api/v1/campaigns").then().statusCode(400)
                .body("fieldErrors[0].field", equalTo("body"));
    }

    @Test
    void bodyOver64KiBIsRefusedWith413() {
        ObjectNode spec = Specs.valid();
        spec.put("name", "x".repeat(70 * 1024));
        post(spec.toString()).statusCode(413);
    }

    @Test
    void otherContentTypesAreRefusedWith415() {
        given().contentType(ContentType.TEXT).body(Specs.valid().toString()).post("/api/v1/campaigns")
                .then().statusCode(415);
    }

    @Test
    void unknownIdsAre404Json() {
        for (String path : List.of("/api/v1/campaigns/nope", "/api/v1/campaigns/nope/trials")) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON).body("error", containsString("nope"));
        }
        given().post("/api/v1/campaigns/nope/cancel").then().statusCode(404).body("error", containsString("nope"));
    }

    @Test
    void listShowsCampaignsNewestFirst() {
        String first = post(Specs.valid().put("name", "older").toString()).statusCode(201).extract().path("id");
        String second = post(Specs.valid().put("name", "newer").toString()).statusCode(201).extract().path("id");
        List<String> ids = given().get("/api/v1/campaigns").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ids).containsSubsequence(second, first);
        given().get("/api/v1/campaigns").then()
                .body("find { it.id == '%s' }.trialCounts.keySet()".formatted(second),
                        equalTo(java.util.Set.of("WAITING", "RUNNING", "COMPLETE", "PRUNED", "FAIL")))
                .body("find { it.id == '%s' }.primaryObjective.metric".formatted(second), equalTo("val_accuracy"));
    }

    @Test
    void detailCarriesSpecSeedObjectivesAndCountsWithZeros() {
        ObjectNode spec = Specs.valid();
        spec.remove("strategy");
        String id = post(spec.toString()).statusCode(201).extract().path("id");
        Map<String, Object> detail = given().get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("name", equalTo("test campaign"))
                .body("sampler", equalTo("random"))
                .body("objectives[0].metric", equalTo("val_accuracy"))
                .body("objectives[1].direction", equalTo("minimize"))
                .body("spec.budget.maxTrials", equalTo(3))
                .body("trialCounts.COMPLETE", equalTo(0))
                .body("trialCounts.FAIL", equalTo(0))
                .body("best", equalTo(null))
                .extract().jsonPath().getMap("$");
        assertThat(detail).containsKeys("id", "name", "state", "reason", "seed", "sampler", "objectives", "spec",
                "createdAt", "updatedAt", "finishedAt", "trialCounts", "best");
        long seed = ((Number) detail.get("seed")).longValue();
        Number specSeed = given().get("/api/v1/campaigns/" + id).then().extract().path("spec.strategy.seed");
        assertThat(specSeed.longValue()).as("a drawn seed is stored with the spec").isEqualTo(seed);
    }

    @Test
    void cancelIs200ThenConflict() {
        String id = post(Specs.valid(5, 1).toString()).statusCode(201).extract().path("id");
        given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("CANCELLED"));
        given().post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(409)
                .body("error", containsString("CANCELLED"));
        given().get("/api/v1/campaigns/" + id).then().body("state", equalTo("CANCELLED"))
                .body("finishedAt", notNullValue());
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/campaigns/{id}/trials"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
