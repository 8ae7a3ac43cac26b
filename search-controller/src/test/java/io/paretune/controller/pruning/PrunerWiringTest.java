package io.paretune.controller.pruning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The pruners as the running controller finds them: every one registered, and their checks reach the API. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class PrunerWiringTest {

    @Inject
    PrunerRegistry registry;

    @Test
    void everyPrunerIsRegistered() {
        assertThat(registry.types()).containsExactly("asha", "hyperband", "median");
    }

    @Test
    void aPrunerThatWouldNeverStopATrialIsRefusedWithItsField() {
        // The valid spec trains 2 epochs per trial.
        ObjectNode asha = Specs.valid();
        asha.with("strategy").putObject("pruner").put("type", "asha").put("minResource", 2);
        assertThat(rejectedFields(asha)).containsExactly("strategy.pruner.minResource");
        ObjectNode median = Specs.valid();
        median.with("strategy").putObject("pruner").put("type", "median").put("warmupSteps", 2);
        assertThat(rejectedFields(median)).containsExactly("strategy.pruner.warmupSteps");
    }

    private static List<String> rejectedFields(ObjectNode spec) {
        return given().contentType(ContentType.JSON).body(spec.toString()).post("/api/v1/campaigns")
                .then().statusCode(400).extract().jsonPath().getList("fieldErrors.field");
    }
}
