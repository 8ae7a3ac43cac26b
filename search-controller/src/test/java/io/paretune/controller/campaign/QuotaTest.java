package io.paretune.controller.campaign;

import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Over HTTP, with quotas of 2 active campaigns and 3 trials in flight and a write burst of 9: a submission beyond a
 * quota is a 429 naming it and stores nothing, ending a campaign frees its share, and a caller past its burst gets
 * 429 with Retry-After. One test, because the writes it makes count against the burst in order.
 */
@QuarkusTest
@TestProfile(QuotaProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class QuotaTest {

    private static ValidatableResponse submit(int maxParallel) {
        return given().contentType("application/json").body(Specs.external(5, maxParallel)).post("/api/v1/campaigns")
                .then();
    }

    @Test
    void quotasAndTheWriteRateAreEnforcedPerOwner() {
        String first = submit(1).statusCode(201).extract().path("id");                     // write 1
        submit(1).statusCode(201);                                                        // 2
        long stored = Long.parseLong(given().get("/api/v1/campaigns").header("X-Total-Count"));

        submit(1).statusCode(429).body("error", containsString("local has 2 campaigns pending or running"));  // 3
        given().post("/api/v1/campaigns/" + first + "/cancel").then().statusCode(200);    // 4
        submit(3).statusCode(429).body("error", containsString("trials in flight to 4"))  // 5
                .body("error", containsString("paretune.quota.parallel-trials"));
        submit(1).statusCode(201);                                                        // 6

        assertThat(Long.parseLong(given().get("/api/v1/campaigns").header("X-Total-Count")))
                .as("refused submissions store nothing").isEqualTo(stored + 1);

        for (int write = 7; write <= 9; write++) {
            given().post("/api/v1/campaigns/" + first + "/cancel").then().statusCode(409); // finished: still a write
        }
        given().post("/api/v1/campaigns/" + first + "/cancel").then().statusCode(429)      // 10: past the burst
                .header("Retry-After", "1").body("error", containsString("writes faster than"));
        given().get("/api/v1/campaigns").then().statusCode(200);                          // reads are not limited
    }
}
