package io.paretune.controller.trial;

import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests run with {@code paretune.controller.trial-stale-after=5s}. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StaleTrialTest {

    @Test
    void trialWhoseWorkersKeepDyingFailsAfterTheStaleTimeoutNamingTheDeliveries() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            // A poison job: each worker that takes it dies, the share group redelivers it, three times.
            kafka.started(job, 1, "worker-a");
            kafka.started(job, 2, "worker-b");
            kafka.started(job, 3, "worker-c");
        }
        Api.awaitCampaign(id, Duration.ofSeconds(60), c -> c.getString("state").equals("FAILED"));
        JsonPath trial = Api.trials(id);
        assertThat(trial.getString("[0].state")).isEqualTo("FAIL");
        assertThat(trial.getString("[0].failureReason")).startsWith("no worker reported for ")
                .endsWith("s; the job was abandoned after 3 deliveries");
        assertThat(trial.getInt("[0].attempt")).isEqualTo(3);
        assertThat(trial.getString("[0].workerId")).isEqualTo("worker-c");
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getString("reason")).isEqualTo("no trial completed: 1 failed, 0 pruned of 1");
        assertThat(campaign.getMap("trialCounts")).containsEntry("FAIL", 1);
    }

    @Test
    void heartbeatsKeepATrialAlive() throws InterruptedException {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            kafka.started(job, 1, "worker-a");
            for (int i = 0; i < 8; i++) {
                Thread.sleep(1000);
                kafka.heartbeat(job, 1, "worker-a", 0);
            }
            assertThat(Api.trials(id).getString("[0].state")).as("8 s of heartbeats under a 5 s stale limit")
                    .isEqualTo("RUNNING");
            kafka.runToScore(job, "worker-a", 0.5);
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED"));
    }
}
