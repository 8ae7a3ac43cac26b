package io.paretune.controller.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI document, called as each kind of caller: no key and an unknown key are 401, a
 * viewer's write and anyone's request on another owner's campaign are 403, and the owner and an admin get through.
 * The document is the list, so an operation added later is checked without touching this test; reads are GETs,
 * writes (submit, cancel, ask/tell) POSTs, and downloading a model counts as a write.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class ApiAccessTest {

    private record Operation(String method, String path) {
        boolean writes() {
            return method.equals("post") || path.endsWith("/model");
        }

        boolean namesACampaign() {
            return path.contains("{id}");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private String alicesCampaign;
    private String bobsCampaign;

    @BeforeEach
    void submitOneCampaignEach() {
        alicesCampaign = submit(AuthOnProfile.ALICE);
        bobsCampaign = submit(AuthOnProfile.BOB);
    }

    @Test
    void everyOperationRefusesCallersWithoutAValidKey() {
        for (Operation op : operations()) {
            Response none = call(given(), op, alicesCampaign);
            assertThat(none.statusCode()).as("%s without a key", op).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).as(op.toString()).startsWith("Bearer");
            assertThat(call(as("not-a-key-anyone-was-given-000"), op, alicesCampaign).statusCode())
                    .as("%s with an unknown key", op).isEqualTo(401);
        }
    }

    @Test
    void aViewerReadsButWritesNothing() {
        for (Operation op : operations()) {
            int status = call(as(AuthOnProfile.ALICE_VIEWER), op, alicesCampaign).statusCode();
            if (op.writes()) {
                assertThat(status).as("%s by a viewer", op).isEqualTo(403);
            } else {
                assertThat(status).as("%s by a viewer", op).isNotIn(401, 403);
            }
        }
    }

    @Test
    void anotherOwnersCampaignIsRefusedToOperatorsAndViewersButNotToAdmins() {
        for (Operation op : operations()) {
            if (!op.namesACampaign()) {
                continue;
            }
            assertThat(call(as(AuthOnProfile.BOB), op, alicesCampaign).statusCode()).as("%s by bob on alice's", op)
                    .isEqualTo(403);
            assertThat(call(as(AuthOnProfile.ALICE_VIEWER), op, bobsCampaign).statusCode())
                    .as("%s by alice's viewer key on bob's", op).isEqualTo(403);
        }
        // The owner, then an admin (last: its cancel ends the campaign), reach every operation.
        for (String key : List.of(AuthOnProfile.ALICE, AuthOnProfile.ADMIN)) {
            for (Operation op : operations()) {
                assertThat(call(as(key), op, alicesCampaign).statusCode()).as("%s by %s", op, key).isNotIn(401, 403);
            }
        }
    }

    @Test
    void listsHoldTheCallersOwnCampaignsAndAnAdminsHoldsAll() {
        assertThat(ids(AuthOnProfile.ALICE)).contains(alicesCampaign).doesNotContain(bobsCampaign);
        assertThat(ids(AuthOnProfile.ALICE_VIEWER)).contains(alicesCampaign).doesNotContain(bobsCampaign);
        assertThat(ids(AuthOnProfile.BOB)).contains(bobsCampaign).doesNotContain(alicesCampaign);
        assertThat(ids(AuthOnProfile.ADMIN)).contains(alicesCampaign, bobsCampaign);
    }

    @Test
    void healthMetricsAndTheApiDocumentNeedNoKey() {
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/metrics").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/openapi").statusCode()).isEqualTo(200);
    }

    private static List<Operation> operations() {
        JsonNode paths = document().path("paths");
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    ops.add(new Operation(method, path.getKey()));
                }
            });
        }
        assertThat(ops).as("the API's operations").hasSizeGreaterThanOrEqualTo(11);
        return ops;
    }

    private static JsonNode document() {
        try {
            return Json.mapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        } catch (Exception e) {
            throw new AssertionError("the OpenAPI document is not JSON", e);
        }
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static Response call(RequestSpecification request, Operation op, String campaign) {
        String path = op.path().replace("{id}", campaign).replace("{trialId}", UUID.randomUUID().toString());
        return op.method().equals("post")
                ? request.contentType("application/json").body("{}").post(path)
                : request.get(path);
    }

    private static String submit(String key) {
        return as(key).contentType("application/json").body(Specs.external(50, 50)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> ids(String key) {
        return as(key).get("/api/v1/campaigns").then().statusCode(200).extract().jsonPath().getList("id");
    }
}
