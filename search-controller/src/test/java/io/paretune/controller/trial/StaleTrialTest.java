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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests run with {@code paretune.controller.trial-stale-after=5s} and {@code max-trial-attempts=3}. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StaleTrialTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(5);

    @Test
    void silentAttemptsAreDispatchedAgainUntilTheLastThenTheTrialFails() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            // A poison job: each worker that starts it dies silently.
            TrialJob first = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            assertThat(first.attempt()).isEqualTo(1);
            kafka.started(first, 1, "worker-a");

            List<TrialJob> jobs = kafka.awaitJobs(id, 2, Duration.ofSeconds(60));
            TrialJob second = jobs.get(1);
            assertThat(second.attempt()).as("dispatched again for the next attempt").isEqualTo(2);
            assertThat(second.trialId()).isEqualTo(first.trialId());
            assertThat(second.segment()).isEqualTo(first.segment());
            assertThat(Api.trials(id).getString("[0].state")).isEqualTo("WAITING");
            kafka.started(second, 2, "worker-b");

            TrialJob third = kafka.awaitJobs(id, 3, Duration.ofSeconds(60)).get(2);
            assertThat(third.attempt()).isEqualTo(3);
            kafka.started(third, 3, "worker-c");

            Api.awaitCampaign(id, Duration.ofSeconds(60), c -> c.getString("state").equals("FAILED"));
            assertThat(kafka.jobs(id, Duration.ofSeconds(1))).as("no fourth attempt").hasSize(3);
        }
        JsonPath trial = Api.trials(id);
        assertThat(trial.getString("[0].state")).isEqualTo("FAIL");
        assertThat(trial.getString("[0].failureReason")).startsWith("no worker reported on attempt 3 (worker-c) for ")
                .endsWith("s; the job was abandoned after 3 attempts");
        assertThat(trial.getInt("[0].attempt")).isEqualTo(3);
        assertThat(trial.getString("[0].workerId")).isEqualTo("worker-c");
        JsonPath campaign = Api.campaign(id);
        assertThat(campaign.getString("reason")).isEqualTo("no trial completed: 1 failed, 0 pruned of 1");
        assertThat(campaign.getMap("trialCounts")).containsEntry("FAIL", 1);
    }

    @Test
    void aReleasedAttemptGoesOutAgainAtOnceAndItsSuccessorCompletesTheTrial() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob first = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            kafka.started(first, 1, "worker-a");
            kafka.epoch(first, 1, "worker-a", 1, 0.4);
            long released = System.nanoTime();
            kafka.released(first, 1, "worker-a", 1); // worker-a is shutting down

            TrialJob second = kafka.awaitJobs(id, 2, Duration.ofSeconds(30)).get(1);
            assertThat(Duration.ofNanos(System.nanoTime() - released))
                    .as("queued again on the release, not after the stale period").isLessThan(STALE_AFTER);
            assertThat(second.attempt()).isEqualTo(2);

            kafka.started(second, 2, "worker-b");
            kafka.epoch(second, 2, "worker-b", 1, 0.6);
            kafka.trained(second, 2, "worker-b", 1);
            kafka.scored(second, 2, 0.6, 0.2);
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED"));
        JsonPath trial = Api.trials(id);
        assertThat(trial.getString("[0].state")).isEqualTo("COMPLETE");
        assertThat(trial.getInt("[0].attempt")).isEqualTo(2);
        assertThat(trial.getString("[0].workerId")).isEqualTo("worker-b");
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
            assertThat(kafka.jobs(id, Duration.ofSeconds(1))).as("never dispatched again").hasSize(1);
            kafka.runToScore(job, "worker-a", 0.5);
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED"));
    }
}
