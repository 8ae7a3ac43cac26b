package io.paretune.controller.messaging;

import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Messages;
import io.paretune.controller.testing.Specs;
import io.paretune.controller.trial.ResultNotYetHeardException;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.paretune.contract.trial.TrialProgress.Phase.HEARTBEAT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class DeadLetterTest {

    @Test
    void garbageScoreIsDeadLetteredAndTheNextMessageIsStillHandled() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            kafka.started(job, 1, "worker-a");
            kafka.trained(job, 1, "worker-a", 1);
            byte[] garbage = ("{not a score " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            kafka.sendRaw(Topics.TRIAL_SCORES, job.trialId(), garbage);
            kafka.scored(job, 1, 0.75, 0.3);

            ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(garbage, Duration.ofSeconds(30));
            assertThat(dead.key()).isEqualTo(job.trialId());
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.REASON)).contains("unreadable TrialScore");
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.EXCEPTION)).endsWith("MalformedMessageException");
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRIAL_SCORES);
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
            assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("controller");
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "paretune_messages_dead_lettered_total\\{service=\"controller\",topic=\"paretune.trial-scores\"} [1-9]");
    }

    /**
     * Whatever the transport lets through, the controller checks what a message claims against what it dispatched:
     * each forged message is set aside with its reason and the campaign's trials stay exactly as they were.
     */
    @Test
    void forgedMessagesAreDeadLetteredWithTheirReasonAndChangeNothing() {
        String id = Api.submit(Specs.valid(2, 2));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            List<TrialJob> jobs = kafka.awaitJobs(id, 2, Duration.ofSeconds(30));
            TrialJob trained = jobs.get(0);
            Messages a = new Messages(id, trained.trialId());
            Messages b = new Messages(id, jobs.get(1).trialId());
            kafka.started(trained, 1, "worker-a");
            kafka.started(trained, 2, "worker-b"); // attempt 1 was given up on
            kafka.trained(trained, 2, "worker-b", 2);
            Api.awaitTrials(id, Duration.ofSeconds(30), t -> t.getList("findAll { it.artifactPath != null }").size() == 1);
            String before = Api.trials(id).prettify();

            String elsewhere = UUID.randomUUID().toString();
            Map<String, Forged> forged = new LinkedHashMap<>();
            forged.put("attempt 1 is no longer running (attempt 2 is)",
                    new Forged(Topics.TRIAL_PROGRESS, a.progress(HEARTBEAT, 1, "worker-a", 1, null)));
            forged.put("attempt 1000000 of segment 0 was never dispatched",
                    new Forged(Topics.TRIAL_PROGRESS, a.progress(HEARTBEAT, 1_000_000, "worker-x", 1, null)));
            forged.put("epoch 5 is outside the trial's epochs 0..2",
                    new Forged(Topics.TRIAL_PROGRESS, a.epoch(2, "worker-b", 5, 0.9)));
            forged.put("checkpointPath " + elsewhere, new Forged(Topics.TRIAL_RESULTS, Messages.withPaths(
                    a.checkpointed(0, 2, "worker-b", 1, 0.9), null, ArtifactPaths.checkpoint(elsewhere, "t", 1, 2))));
            forged.put("artifactPath " + elsewhere, new Forged(Topics.TRIAL_RESULTS,
                    b.trained(1, "worker-c", ArtifactPaths.model(elsewhere, b.trialId(), 0, 1))));
            forged.put("attempt 1 did not train the trial's model", new Forged(Topics.TRIAL_SCORES, a.scored(1, 0.99)));
            forged.put("the trial has no trained model to score", new Forged(Topics.TRIAL_SCORES, b.scored(1, 0.99)));
            forged.values().forEach(f -> kafka.sendRaw(f.topic(), id, f.value()));

            forged.forEach((reason, f) -> {
                ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(f.value(), Duration.ofSeconds(30));
                assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.REASON)).contains(reason);
                assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.EXCEPTION)).isIn(
                        InconsistentMessageException.class.getName(), ResultNotYetHeardException.class.getName());
                assertThat(KafkaPlayer.header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(f.topic());
            });
            assertThat(Api.trials(id).prettify()).isEqualTo(before);
        }
    }

    private record Forged(String topic, byte[] value) {
        Forged(String topic, Message message) {
            this(topic, Json.write(message));
        }
    }

    @Test
    void messagesWithoutIdsOrForUnknownTrialsNeverStopTheConsumer() {
        String id = Api.submit(Specs.valid(1, 1));
        try (KafkaPlayer kafka = new KafkaPlayer()) {
            TrialJob job = kafka.awaitJobs(id, 1, Duration.ofSeconds(30)).get(0);
            byte[] noIds = ("{\"schemaVersion\": 1, \"attempt\": 1, \"phase\": \"STARTED\", \"epoch\": 0,"
                    + " \"epochSeconds\": 0, \"samplesPerSecond\": 0}").getBytes(StandardCharsets.UTF_8);
            kafka.sendRaw(Topics.TRIAL_PROGRESS, "x", noIds);
            TrialJob stranger = new TrialJob(1, id, UUID.randomUUID().toString(), 9, "mlp", job.params(), job.dataset(),
                    1, 0, 1L, job.createdAt());
            kafka.runToScore(stranger, "worker-x", 0.9);
            kafka.runToScore(job, "worker-a", 0.6);
            assertThat(KafkaPlayer.header(kafka.awaitDeadLetter(noIds, Duration.ofSeconds(30)), DeadLetterHeaders.REASON))
                    .contains("without campaignId or trialId");
        }
        Api.awaitCampaign(id, Duration.ofSeconds(30), c -> c.getString("state").equals("COMPLETED")
                && c.getInt("trialCounts.COMPLETE") == 1);
    }
}
