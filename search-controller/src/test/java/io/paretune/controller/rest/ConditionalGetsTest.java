package io.paretune.controller.rest;

import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A client that polls gets the body again only when the answer changed. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ConditionalGetsTest {

    @Test
    void anUnchangedAnswerIsNotModifiedAndAChangedOneComesWithANewTag() {
        String id = given().contentType("application/json").body(Specs.external(5, 1)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        String path = "/api/v1/campaigns/" + id;
        Response first = given().get(path);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("W/\"");
        assertThat(given().get(path).header("ETag")).as("the same answer, the same tag").isEqualTo(etag);

        Response again = given().header("If-None-Match", etag).get(path);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.asByteArray()).isEmpty();

        given().post(path + "/trials/ask").then().statusCode(200);
        Response changed = given().header("If-None-Match", etag).get(path);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.jsonPath().getInt("trialCounts.RUNNING")).isEqualTo(1);
        // Lists are tagged too; writes are not.
        assertThat(given().get("/api/v1/campaigns/" + id + "/trials").header("ETag")).isNotNull();
        assertThat(given().post(path + "/cancel").header("ETag")).isNull();
        assertThat(Api.campaign(id).getString("state")).isEqualTo("CANCELLED");
    }
}
