package io.paretune.systemtests.e2e;

import io.paretune.contract.messaging.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packaged services, unchanged, against a broker with SASL/SCRAM over TLS and the services' ACLs, each given
 * only its own user in its {@code kafka.*} settings: a small campaign completes, and a job forged with the worker's
 * login is refused.
 */
class SaslPipelineIT {

    private static final String SPEC = """
            {
              "name": "e2e-sasl",
              "dataset": {"name": "fashion-mnist", "validationFraction": 0.05, "trainLimit": 1000},
              "searchSpace": {
                "hiddenLayers": 1,
                "units": {"type": "int", "low": 16, "high": 32},
                "learningRate": 0.005,
                "batchSize": 128
              },
              "objectives": [{"metric": "val_accuracy"}],
              "budget": {"maxTrials": 2, "maxParallel": 1, "maxEpochsPerTrial": 1},
              "strategy": {"sampler": "random", "seed": 7},
              "earlyStopping": {"patience": 0}
            }
            """;

    @Test
    void servicesCompleteACampaignEachAsItsOwnUserAndAWorkersForgedJobIsRefused() throws Exception {
        try (LocalStack stack = new LocalStack(true)) {
            ServiceProcess controller = stack.controller(Map.of()).start();
            stack.evaluator().start();
            stack.worker("worker-sasl").start();

            String id = RestAssured.given().baseUri(controller.url()).contentType(ContentType.JSON).body(SPEC)
                    .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "COMPLETED".equals(RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id)
                            .then().statusCode(200).extract().path("state")));
            assertThat(RestAssured.given().baseUri(controller.url()).get("/api/v1/campaigns/" + id)
                    .then().extract().<Integer>path("trialCounts.COMPLETE")).isEqualTo(2);

            try (KafkaProducer<String, String> worker = new KafkaProducer<>(new HashMap<>(stack.kafkaClient("worker")),
                    new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> worker.send(new ProducerRecord<>(Topics.TRIAL_JOBS, "forged", "{}"))
                        .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }
}
