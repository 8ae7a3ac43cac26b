package io.paretune.controller.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The controller's REST API as tests call it. */
public final class Api {

    private Api() {
    }

    public static String submit(ObjectNode spec) {
        return given().contentType(ContentType.JSON).body(spec.toString()).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    public static JsonPath campaign(String id) {
        return given().get("/api/v1/campaigns/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath trials(String id) {
        return given().get("/api/v1/campaigns/" + id + "/trials").then().statusCode(200).extract().jsonPath();
    }

    /** The trial of that number, as {@code GET .../trials} shows it. */
    public static JsonPath trial(String campaignId, int number) {
        JsonPath all = trials(campaignId);
        return JsonPath.from(all.prettify()).setRoot("find { it.number == " + number + " }");
    }

    public static void awaitCampaign(String id, Duration timeout, Predicate<JsonPath> condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(campaign(id)));
    }

    public static void awaitTrials(String id, Duration timeout, Predicate<JsonPath> condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(trials(id)));
    }
}
