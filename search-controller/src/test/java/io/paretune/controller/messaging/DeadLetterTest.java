package io.paretune.controller.messaging;

import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.controller.testing.Api;
import io.paretune.controller.testing.KafkaPlayer;
import io.paretune.controller.testing.Specs;
import io.paretune.kafka.local.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

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
