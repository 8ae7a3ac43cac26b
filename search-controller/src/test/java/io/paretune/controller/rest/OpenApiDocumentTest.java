package io.paretune.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.testing.OpenApiSchemas;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.paretune.controller.testing.OpenApiSchemas.step;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document at {@code /q/openapi} describes every body with a schema a client can be generated from, its
 * examples are valid instances of those schemas, and what the API really answers is too.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class OpenApiDocumentTest {

    private static final String SPEC_SCHEMA = "/components/schemas/CampaignSpec";
    private static final String ERROR_SCHEMA = "#/components/schemas/ErrorResponse";
    private static final String JSON = "application/json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static OpenApiSchemas openApi;

    /** One operation of the document: its path template, method and JSON pointer. */
    private record Operation(String path, String method, JsonNode node) {
        String pointer() {
            return "/paths" + step(path) + "/" + method;
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static OpenApiSchemas openApi() {
        if (openApi == null) {
            openApi = new OpenApiSchemas(given().get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        }
        return openApi;
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        openApi().document().get("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        operations.add(new Operation(path.getKey(), op.getKey(), op.getValue()));
                    }
                }));
        assertThat(operations).as("the document lists the API's operations").hasSizeGreaterThanOrEqualTo(8);
        return operations;
    }

    @Test
    void everyRequestBodyIsJsonWithAnObjectSchema() {
        List<String> withBodies = new ArrayList<>();
        for (Operation op : operations()) {
            JsonNode body = op.node().get("requestBody");
            if (body == null) {
                continue;
            }
            withBodies.add(op.toString());
            JsonNode schema = body.at("/content" + step(JSON) + "/schema");
            assertThat(schema.isMissingNode()).as(op + " has an application/json schema").isFalse();
            assertThat(openApi().resolve(schema).path("type").asText()).as(op + "'s body schema").isEqualTo("object");
            assertThat(body.path("required").asBoolean()).as(op + " requires its body").isTrue();
        }
        assertThat(withBodies).containsExactlyInAnyOrder("POST /api/v1/campaigns",
                "POST /api/v1/campaigns/{id}/trials/{trialId}/report",
                "POST /api/v1/campaigns/{id}/trials/{trialId}/tell");
    }

    @Test
    void everyResponseWithContentHasASchemaAndErrorsAreErrorResponses() {
        for (Operation op : operations()) {
            Set<String> statuses = new TreeSet<>();
            op.node().get("responses").fields().forEachRemaining(response -> {
                String status = response.getKey();
                statuses.add(status);
                JsonNode content = response.getValue().get("content");
                if (content == null) {
                    return;
                }
                content.fields().forEachRemaining(media -> {
                    String what = op + " " + status + " " + media.getKey();
                    assertThat(media.getValue().has("schema")).as(what + " has a schema").isTrue();
                    if (status.startsWith("4")) {
                        assertThat(media.getValue().at("/schema/$ref").asText()).as(what).isEqualTo(ERROR_SCHEMA);
                    }
                });
            });
            assertThat(statuses).as(op + " documents its success with a body (JSON, or a file)")
                    .anyMatch(s -> s.startsWith("2") && (op.node().at("/responses/" + s + "/content").has(JSON)
                            || isFile(op.node().at("/responses/" + s + "/content"))));
        }
    }

    /** Content that is one file: a single non-JSON media type whose schema is a binary string. */
    private static boolean isFile(JsonNode content) {
        if (content.size() != 1 || content.has(JSON)) {
            return false;
        }
        JsonNode schema = content.elements().next().path("schema");
        return schema.path("type").asText().equals("string") && schema.path("format").asText().equals("binary");
    }

    @Test
    void theModelDownloadIsDocumentedAsAFileWithItsHash() {
        JsonNode ok = openApi().document().at("/paths" + step("/api/v1/campaigns/{id}/trials/{trialId}/model")
                + "/get/responses/200");
        assertThat(isFile(ok.path("content"))).as(ok.toString()).isTrue();
        assertThat(ok.path("content").has("application/zip")).isTrue();
        assertThat(ok.path("headers").has("X-Checksum-SHA256")).isTrue();
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        int checked = 0;
        for (Operation op : operations()) {
            List<String> contents = new ArrayList<>();
            if (op.node().has("requestBody")) {
                contents.add(op.pointer() + "/requestBody/content");
            }
            op.node().get("responses").fieldNames()
                    .forEachRemaining(status -> contents.add(op.pointer() + "/responses/" + status + "/content"));
            for (String content : contents) {
                for (Iterator<String> it = openApi().document().at(content).fieldNames(); it.hasNext(); ) {
                    String media = content + step(it.next());
                    checked += checkMediaExamples(media);
                }
            }
        }
        checked += checkSchemaExamples(openApi().document(), "");
        assertThat(checked).as("examples checked").isGreaterThanOrEqualTo(20);
    }

    /** The {@code example} and every {@code examples} entry of a media type, against its schema. */
    private static int checkMediaExamples(String media) {
        JsonNode node = openApi().document().at(media);
        int checked = 0;
        if (node.has("example")) {
            assertValid(media + "/schema", node.get("example"), media + "/example");
            checked++;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("examples").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> example = it.next();
            assertValid(media + "/schema", example.getValue().get("value"),
                    media + "/examples" + step(example.getKey()));
            checked++;
        }
        return checked;
    }

    /** The {@code examples} of every schema in the document (a JSON Schema keyword, always an array), against it. */
    private static int checkSchemaExamples(JsonNode node, String pointer) {
        int checked = 0;
        if (node.path("examples").isArray()) {
            for (JsonNode example : node.get("examples")) {
                assertValid(pointer, example, pointer + "/examples");
                checked++;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> child = it.next();
            checked += checkSchemaExamples(child.getValue(), pointer + step(child.getKey()));
        }
        return checked;
    }

    @Test
    void theSpecFilesInExamplesAreValidSpecs() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(specs).as("examples/*.json").hasSizeGreaterThanOrEqualTo(5);
        for (Path file : specs) {
            assertValid(SPEC_SCHEMA, read(file), file.toString());
        }
    }

    @Test
    void theSpecSchemaRefusesWhatTheControllerRefuses() {
        assertRefused(spec -> spec.with("budget").put("maxTrials", "ten"), "/budget/maxTrials");
        assertRefused(spec -> spec.with("budget").put("maxTrials", 0), "/budget/maxTrials");
        assertRefused(spec -> spec.put("colour", "blue"), "colour");
        assertRefused(spec -> spec.with("searchSpace").putObject("units").put("type", "int").put("low", 16),
                "/searchSpace/units");
        assertRefused(spec -> spec.with("searchSpace").putObject("units").put("type", "normal"), "/searchSpace/units");
        assertRefused(spec -> spec.with("searchSpace").putArray("units"), "/searchSpace/units");
        assertRefused(spec -> spec.putArray("objectives"), "/objectives");
        assertRefused(spec -> spec.with("strategy").putObject("pruner").put("type", "patient"), "/strategy/pruner");
        assertRefused(spec -> spec.remove("budget"), "budget");
        assertRefused(spec -> spec.putObject("selection").put("rule", "pareto"), "/selection/rule");
        assertRefused(spec -> spec.putObject("selection").put("rule", "reward").put("target", -1), "/selection/target");
    }

    private static void assertRefused(Consumer<ObjectNode> change, String named) {
        ObjectNode spec = Specs.valid();
        change.accept(spec);
        assertThat(openApi().errors(SPEC_SCHEMA, spec)).as("errors for " + spec).isNotEmpty()
                .anyMatch(error -> error.contains(named));
    }

    @Test
    void whatTheApiAnswersMatchesItsSchemas() throws IOException {
        String campaigns = "/api/v1/campaigns";
        String campaign = campaigns + "/{id}";
        String trial = campaign + "/trials/{trialId}";

        String pipeline = answer("post", campaigns, 201, post(campaigns, Specs.valid().toString())).path("id");
        answer("post", campaigns, 400, post(campaigns, "{\"budget\": 1}"));
        answer("post", campaigns, 400, post(campaigns, "{\"name\": "));
        answer("get", campaign, 200, given().get(campaigns + "/" + pipeline));
        answer("get", campaign + "/trials", 200, given().get(campaigns + "/" + pipeline + "/trials"));
        answer("get", campaign, 404, given().get(campaigns + "/absent"));
        answer("get", campaign + "/trials", 404, given().get(campaigns + "/absent/trials"));
        answer("get", campaign + "/pareto", 200, given().get(campaigns + "/" + pipeline + "/pareto"));
        answer("get", campaign + "/pareto", 404, given().get(campaigns + "/absent/pareto"));
        answer("get", campaign + "/importance", 200, given().get(campaigns + "/" + pipeline + "/importance"));
        answer("get", campaign + "/importance", 404, given().get(campaigns + "/absent/importance"));
        answer("get", "/api/v1/workers", 200, given().get("/api/v1/workers"));
        answer("get", "/api/v1/workers", 400, given().get("/api/v1/workers?withinMinutes=x"));
        answer("get", "/api/v1/model-families", 200, given().get("/api/v1/model-families"));
        answer("post", campaign + "/trials/ask", 409, given().post(campaigns + "/" + pipeline + "/trials/ask"));
        answer("post", campaign + "/trials/ask", 404, given().post(campaigns + "/absent/trials/ask"));
        String firstTrial = given().get(campaigns + "/" + pipeline + "/trials").then().statusCode(200)
                .extract().path("[0].id");
        answer("get", trial + "/model", 404, given().get(campaigns + "/" + pipeline + "/trials/" + firstTrial + "/model"));
        answer("get", trial + "/model-card", 404,
                given().get(campaigns + "/" + pipeline + "/trials/" + firstTrial + "/model-card"));
        answer("get", trial + "/model-card", 404, given().get(campaigns + "/absent/trials/x/model-card"));
        answer("post", campaign + "/cancel", 200, given().post(campaigns + "/" + pipeline + "/cancel"));
        answer("post", campaign + "/cancel", 409, given().post(campaigns + "/" + pipeline + "/cancel"));
        answer("post", campaign + "/cancel", 404, given().post(campaigns + "/absent/cancel"));

        String external = answer("post", campaigns, 201,
                post(campaigns, Files.readString(EXAMPLES.resolve("external-quadratic.json")))).path("id");
        String at = campaigns + "/" + external;
        String trialId = answer("post", campaign + "/trials/ask", 200, given().post(at + "/trials/ask"))
                .path("trialId");
        String trialAt = at + "/trials/" + trialId;
        answer("post", trial + "/report", 200, post(trialAt + "/report", "{\"step\": 1, \"values\": {\"loss\": 3.5}}"));
        answer("post", trial + "/report", 400,
                post(trialAt + "/report", "{\"step\": -1, \"values\": {\"loss\": NaN}}"));
        answer("post", trial + "/report", 404, post(at + "/trials/absent/report", "{\"step\": 1, \"values\": {}}"));
        answer("post", trial + "/tell", 400, post(trialAt + "/tell", "{\"values\": {}}"));
        answer("post", trial + "/tell", 200, post(trialAt + "/tell", "{\"values\": {\"loss\": 2.5, \"note\": 1}}"));
        answer("post", trial + "/tell", 409, post(trialAt + "/tell", "{\"state\": \"FAILED\"}"));
        answer("post", trial + "/report", 409, post(trialAt + "/report", "{\"step\": 2, \"values\": {\"loss\": 2}}"));
        answer("post", trial + "/tell", 404, post(campaigns + "/absent/trials/x/tell", "{\"state\": \"PRUNED\"}"));
        answer("get", campaign, 200, given().get(at));
        answer("get", campaign + "/trials", 200, given().get(at + "/trials"));
        // A verdict and a front of one trial.
        answer("get", campaign + "/pareto", 200, given().get(at + "/pareto"));
        // Every campaign the tests stored so far, pipeline and external, running, cancelled or complete.
        answer("get", campaigns, 200, given().get(campaigns));
    }

    private static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    /** Checks that {@code response} has the status and a body valid against the schema documented for it. */
    private static Response answer(String method, String path, int status, Response response) {
        String what = method.toUpperCase() + " " + path + " " + status;
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(status);
        String schema = "/paths" + step(path) + "/" + method + "/responses/" + status + "/content" + step(JSON)
                + "/schema";
        assertThat(openApi().document().at(schema).isMissingNode()).as(what + " is documented with a schema").isFalse();
        assertValid(schema, read(response.asString()), what);
        return response;
    }

    private static void assertValid(String schema, JsonNode instance, String what) {
        assertThat(openApi().errors(schema, instance)).as(what + " against " + schema).isEmpty();
    }

    private static JsonNode read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
