package io.paretune.controller.security;

import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens of an OpenID Connect provider (a real one on a local port, {@link TestOidcProvider}) beside the API
 * keys: the token's user owns what it submits, its groups give the role, and expired, forged or role-less tokens
 * are 401.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class OidcAccessTest {

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", "Bearer " + bearer);
    }

    @Test
    void aTokensUserOwnsWhatItSubmitsAndItsGroupsGiveTheRole() {
        String carol = TestOidcProvider.token("carol", List.of("operator", "unrelated"), 5);
        String id = as(carol).contentType("application/json").body(Specs.external(3, 1)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");

        assertThat(as(carol).get("/api/v1/campaigns").then().statusCode(200).extract().jsonPath().getList("id"))
                .contains(id);
        String carolViewer = TestOidcProvider.token("carol", List.of("viewer"), 5);
        as(carolViewer).get("/api/v1/campaigns/" + id).then().statusCode(200);
        as(carolViewer).post("/api/v1/campaigns/" + id + "/cancel").then().statusCode(403);
        as(TestOidcProvider.token("dave", List.of("operator"), 5)).get("/api/v1/campaigns/" + id).then().statusCode(403);
        as(AuthOnProfile.ADMIN).get("/api/v1/campaigns/" + id).then().statusCode(200);
        as(AuthOnProfile.ALICE).get("/api/v1/campaigns/" + id).then().statusCode(403);
    }

    @Test
    void expiredForgedAndRolelessTokensAreRefused() {
        as(TestOidcProvider.token("carol", List.of("operator"), -10)).get("/api/v1/campaigns").then().statusCode(401);
        as(TestOidcProvider.forgedToken("carol", List.of("admin"))).get("/api/v1/campaigns").then().statusCode(401);
        as(TestOidcProvider.token("carol", List.of("staff"), 5)).get("/api/v1/campaigns").then().statusCode(401);
        as("not.a.token").get("/api/v1/campaigns").then().statusCode(401);
    }
}
