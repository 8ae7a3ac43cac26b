package io.paretune.controller.metrics;

import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class MetricsExportTest {

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void controllerMetricsAreExportedUnderTheirPrometheusNames() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            kafka.runToScore(job, "worker-a", 0.8125);
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED"));
        String best = "paretune_campaign_best_primary{campaign=\"" + id + "\",metric=\"val_accuracy\"} 0.8125";
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains(best));

        String metrics = scrape();
        assertThat(metrics)
                .containsPattern("paretune_trials\\{state=\"COMPLETE\"} [1-9]")
                .contains("paretune_trials{state=\"WAITING\"}", "paretune_trials{state=\"RUNNING\"}",
                        "paretune_trials{state=\"PRUNED\"}", "paretune_trials{state=\"FAIL\"}")
                .containsPattern("paretune_campaigns\\{state=\"COMPLETED\"} [1-9]")
                .contains("paretune_campaigns{state=\"PENDING\"}", "paretune_campaigns{state=\"RUNNING\"}",
                        "paretune_campaigns{state=\"FAILED\"}", "paretune_campaigns{state=\"CANCELLED\"}")
                .contains("paretune_queue_depth ")
                .containsPattern("paretune_trial_duration_seconds_count\\{state=\"COMPLETE\"} [1-9]")
                .contains("paretune_trial_duration_seconds_sum{state=\"COMPLETE\"}",
                        "paretune_trial_duration_seconds_max{state=\"COMPLETE\"}",
                        "paretune_trial_duration_seconds_count{state=\"FAIL\"}")
                .contains("paretune_messages_dead_lettered_total{service=\"controller\",topic=\"paretune.trial-progress\"}")
                .contains(best)
                .contains("paretune_campaign_epochs{campaign=\"" + id + "\",kind=\"used\"} 1.0",
                        "paretune_campaign_epochs{campaign=\"" + id + "\",kind=\"saved\"} 0.0")
                // One trial: a front of one point, at the ideal point of normalized space, dominates 1.1 x 1.1.
                .contains("paretune_campaign_front_size{campaign=\"" + id + "\"} 1.0",
                        "paretune_campaign_best_feasible_primary{campaign=\"" + id + "\",metric=\"val_accuracy\"} 0.8125")
                .containsPattern("paretune_campaign_hypervolume\\{campaign=\"" + id + "\"} 1\\.21");
    }

    @Test
    void readinessCoversDatabaseKafkaAndTheConsumer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String health = given().get("/q/health/ready").then().extract().asString();
        assertThat(health).contains("trial-event-consumer", "Database connections health check",
                "Kafka connection health check");
    }
}
