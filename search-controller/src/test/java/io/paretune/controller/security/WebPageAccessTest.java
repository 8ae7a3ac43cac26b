package io.paretune.controller.security;

import io.paretune.controller.testing.Browser;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With API keys on, the page's files load without a key (they hold no data) under a policy that lets them load
 * nothing from elsewhere, the API still refuses calls without one, and the page asks for a key and sends it.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class WebPageAccessTest {

    @TestHTTPResource("/")
    URI controller;

    @Test
    void thePageAndItsChartLibraryLoadWithoutAKeyUnderAStrictPolicy() {
        for (String file : List.of("/", "/ui/app.js", "/ui/style.css", "/ui/views/campaign.js")) {
            Response r = given().get(file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(file).startsWith("default-src 'self'")
                    .contains("object-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        }
        assertThat(given().get("/webjars/echarts/dist/echarts.esm.min.js").statusCode()).isEqualTo(200);
        assertThat(given().get("/api/v1/campaigns").statusCode()).isEqualTo(401);
        assertThat(given().get("/api/v1/workers").statusCode()).isEqualTo(401);
    }

    @Test
    void thePageAsksForAKeyAndSendsIt() {
        String mine = given().header("Authorization", "Bearer " + AuthOnProfile.ALICE).contentType("application/json")
                .body(Specs.external(5, 1)).post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        try (Browser browser = Browser.open(controller.toString())) {
            browser.go("#/");
            browser.await(d -> d.findElement(By.id("token-form")).isDisplayed());
            assertThat(browser.takeConsoleErrors()).as("the one refusal that makes the page ask")
                    .singleElement().asString().contains("401");
            browser.find("#token-input").sendKeys(AuthOnProfile.ALICE);
            browser.click("#token-form button[type='submit']");
            browser.find("#campaigns tr[data-campaign='" + mine + "']");
            assertThat(browser.find("#token-form").isDisplayed()).isFalse();
            browser.assertNoConsoleErrors();
        }
    }
}
