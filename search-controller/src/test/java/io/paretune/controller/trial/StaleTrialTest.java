package io.paretune.controller.trial;

import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.dispatch.Reconciler;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.ManualClock;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests run with {@code paretune.controller.trial-stale-after=5s} and {@code max-trial-attempts=3}, on a stopped clock
 * ({@link ManualClock}): a trial goes silent only when a test moves time past the limit, and nothing goes stale while
 * the test waits for a message to be applied.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StaleTrialTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(5);
    private static final Duration PAST_STALE = STALE_AFTER.plusSeconds(1);

    @Inject
    Reconciler reconciler;

    private ManualClock clock;

    @BeforeEach
    void stopTheClock() {
        clock = ManualClock.install();
    }

    /** Waits until the controller has applied attempt {@code attempt}'s start: the trial is RUNNING under it. */
    private static void awaitRunning(String campaignId, int attempt) {
        Api.awaitTrials(campaignId, Duration.ofSeconds(30), t -> "RUNNING".equals(t.getString("[0].state"))
                && t.getInt("[0].attempt") == attempt);
    }

    @Test
    void silentAttemptsAreDispatchedAgainUntilTheLastThenTheTrialFails() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            // A poison job: each worker that starts it dies silently.
            TrialJob first = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            assertThat(first.attempt()).isEqualTo(1);
            kafka.started(first, 1, "worker-a");
            awaitRunning(id, 1);
            clock.advance(PAST_STALE);

            List<TrialJob> jobs = kafka.awaitJobs(id, 2, Duration.ofSeconds(30));
            TrialJob second = jobs.get(1);
            assertThat(second.attempt()).as("dispatched again for the next attempt").isEqualTo(2);
            assertThat(second.trialId()).isEqualTo(first.trialId());
            assertThat(second.segment()).isEqualTo(first.segment());
            assertThat(Api.trials(id).getString("[0].state")).isEqualTo("WAITING");
            kafka.started(second, 2, "worker-b");
            awaitRunning(id, 2);
            clock.advance(PAST_STALE);

            TrialJob third = kafka.awaitJobs(id, 3, Duration.ofSeconds(30)).get(2);
            assertThat(third.attempt()).isEqualTo(3);
            kafka.started(third, 3, "worker-c");
            awaitRunning(id, 3);
            clock.advance(PAST_STALE);

            Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("FAILED"));
            assertThat(kafka.jobs(id, Duration.ofSeconds(1))).as("no fourth attempt").hasSize(3);
        }
        JsonPath trial = Api.trials(id);
        assertThat(trial.getString("[0].state")).isEqualTo("FAIL");
        assertThat(trial.getString("[0].failureReason"))
                .isEqualTo("no worker reported on attempt 3 (worker-c) for 6s; the job was abandoned after 3 attempts");
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
            kafka.released(first, 1, "worker-a", 1); // worker-a is shutting down

            // The clock stands still, so the attempt can never be stale: only the release sends the job out again.
            TrialJob second = kafka.awaitJobs(id, 2, Duration.ofSeconds(30)).get(1);
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
    void heartbeatsKeepATrialAliveAndItsSilenceIsNoticed() throws InterruptedException {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            kafka.started(job, 1, "worker-a");
            awaitRunning(id, 1);
            for (int i = 0; i < 4; i++) {
                Instant beat = clock.advance(Duration.ofSeconds(2));
                kafka.heartbeat(job, 1, "worker-a", 0);
                Api.awaitTrials(id, Duration.ofSeconds(30), t -> beat.equals(Instant.parse(t.getString("[0].lastHeartbeatAt"))));
                reconciler.passAndWait();
            }
            assertThat(Api.trials(id).getString("[0].state")).as("8 s of heartbeats under a 5 s stale limit")
                    .isEqualTo("RUNNING");
            assertThat(kafka.jobs(id, Duration.ofSeconds(1))).as("never dispatched again").hasSize(1);

            clock.advance(PAST_STALE);
            reconciler.passAndWait();
            assertThat(kafka.awaitJobs(id, 2, Duration.ofSeconds(30)).get(1).attempt())
                    .as("the same trial, silent past the limit, goes out again").isEqualTo(2);
        }
    }
}
