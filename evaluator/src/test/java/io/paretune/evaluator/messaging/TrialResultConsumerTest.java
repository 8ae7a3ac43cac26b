package io.paretune.evaluator.messaging;

import io.paretune.contract.campaign.Metric;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.InconsistentMessageException;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.support.SmallModels;
import io.paretune.evaluator.support.TopicRecords;
import io.paretune.kafka.local.LocalKafkaResource;
import io.paretune.ml.backend.NativeBuild;
import io.paretune.artifacts.ArtifactStore;
import io.paretune.artifacts.FileArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class TrialResultConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String CAMPAIGN = "campaign-it";

    private static SmallModels.Trained model;
    private static KafkaProducer<String, byte[]> producer;
    private static TopicRecords scores;
    private static TopicRecords deadLetters;

    @Inject
    ArtifactStore store;

    @BeforeEach
    void setUp() {
        if (model == null) {
            // Tests run on the default store, a directory: the trained model is copied from its file below.
            model = SmallModels.trainAndSave((FileArtifactStore) store, CAMPAIGN, "trained-once");
            String bootstrap = LocalKafkaResource.bootstrapServers();
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
            scores = new TopicRecords(bootstrap, Topics.TRIAL_SCORES);
            deadLetters = new TopicRecords(bootstrap, Topics.DEAD_LETTER);
        }
    }

    @AfterAll
    static void closeClients() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            scores.close();
            deadLetters.close();
        }
    }

    @Test
    void scoresATrainedResultWithEveryMetric() throws Exception {
        String trialId = newTrialId();
        publish(trialId, Json.write(trainedResult(trialId)));

        TrialScore score = awaitScore(trialId);
        assertThat(score.outcome()).isEqualTo(TrialScore.Outcome.SCORED);
        assertThat(score.campaignId()).isEqualTo(CAMPAIGN);
        assertThat(score.metrics().keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Metric.values()).map(Metric::wireName).toList());
        assertThat(score.metrics().get(Metric.VAL_ACCURACY.wireName())).isGreaterThan(0.5);
        assertThat(score.metrics().get(Metric.TEST_ACCURACY.wireName())).isGreaterThan(0.5);
        assertThat(score.hardware()).contains("logical cores");
        assertThat(score.evaluatorId()).isNotBlank();
    }

    @Test
    void deadLettersAnUnreadableRecordAndScoresTheNextResult() throws Exception {
        String garbageKey = "garbage-" + UUID.randomUUID();
        publish(garbageKey, "{this is not a trial result".getBytes(StandardCharsets.UTF_8));
        String trialId = newTrialId();
        publish(trialId, Json.write(trainedResult(trialId)));

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(garbageKey);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{this is not a trial result");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("unreadable TrialResult");
        assertThat(header(deadLetter, DeadLetterHeaders.EXCEPTION)).isEqualTo(MalformedMessageException.class.getName());
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRIAL_RESULTS);
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(deadLetter, DeadLetterHeaders.SERVICE)).isEqualTo("evaluator");

        assertThat(awaitScore(trialId).outcome()).isEqualTo(TrialScore.Outcome.SCORED);
    }

    @Test
    void deadLettersAResultWhoseArtifactPathEscapesTheStoreOrIsAnotherTrials() throws Exception {
        String trialId = newTrialId();
        publish(trialId, Json.write(SmallModels.trainedResult(CAMPAIGN, trialId, "../../../etc/passwd", 0)));
        // A real model of another campaign's trial, named by a forged result: reading it would score the wrong model.
        String forged = newTrialId();
        publish(forged, Json.write(SmallModels.trainedResult("another-campaign", forged, model.artifactPath(),
                model.paramCount())));
        String next = newTrialId();
        publish(next, Json.write(trainedResult(next)));

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(trialId);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).contains("escapes the store");
        ConsumerRecord<String, byte[]> foreign = awaitDeadLetter(forged);
        assertThat(header(foreign, DeadLetterHeaders.REASON)).contains("artifactPath " + model.artifactPath()
                + " is not the one derived for it (another-campaign/" + forged + "/model-attempt-1.zip)");
        assertThat(header(foreign, DeadLetterHeaders.EXCEPTION)).isEqualTo(InconsistentMessageException.class.getName());
        // Results are handled in order: once the next one is scored, the refused ones have had their chance.
        awaitScore(next);
        assertThat(scores.seen(r -> trialId.equals(r.key()) || forged.equals(r.key()))).isEmpty();
    }

    /** A worker's result for the trial, its model (a copy of the one trained once) at the trial's own path. */
    private TrialResult trainedResult(String trialId) throws IOException {
        String path = store.modelPath(CAMPAIGN, trialId, 1);
        store.writeAtomically(path, tmp -> Files.copy(model.file(), tmp, StandardCopyOption.REPLACE_EXISTING));
        return SmallModels.trainedResult(CAMPAIGN, trialId, path, model.paramCount());
    }

    @Test
    void skipsFailedAndCheckpointedResults() throws Exception {
        String failedTrial = newTrialId();
        publish(failedTrial, Json.write(SmallModels.failedResult(CAMPAIGN, failedTrial)));
        String checkpointedTrial = newTrialId();
        publish(checkpointedTrial, Json.write(SmallModels.checkpointedResult(CAMPAIGN, checkpointedTrial)));
        String next = newTrialId();
        publish(next, Json.write(trainedResult(next)));

        awaitScore(next);
        for (String skipped : new String[]{failedTrial, checkpointedTrial}) {
            assertThat(scores.seen(r -> skipped.equals(r.key()))).isEmpty();
            assertThat(deadLetters.seen(r -> skipped.equals(r.key()))).isEmpty();
        }
    }

    @Test
    void answersAMissingModelFileWithAFailedScore() throws Exception {
        String trialId = newTrialId();
        String absent = store.modelPath(CAMPAIGN, trialId, 1);
        publish(trialId, Json.write(SmallModels.trainedResult(CAMPAIGN, trialId, absent, 0)));

        TrialScore score = awaitScore(trialId);
        assertThat(score.outcome()).isEqualTo(TrialScore.Outcome.FAILED);
        assertThat(score.failureReason()).contains("model file not found").contains(absent);
        assertThat(score.metrics()).isEmpty();
    }

    @Test
    void exportsItsMetricsToPrometheus() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("paretune_evaluations_total{outcome=\"scored\"")
                .contains("paretune_evaluations_total{outcome=\"failed\"")
                .contains("paretune_evaluation_duration_seconds_count{outcome=\"scored\"")
                .contains("paretune_evaluation_duration_seconds_sum{outcome=\"failed\"")
                .contains("paretune_evaluator_consumer_lag")
                .contains("paretune_evaluator_backend_info{backend=\"nd4j-native\",build=\""
                        + NativeBuild.selected().orElseThrow().build().classifier() + "\",cpu=\"")
                .contains("paretune_messages_dead_lettered_total{service=\"evaluator\",topic=\"paretune.trial-results\"");
    }

    @Test
    void isReadyOnceTheConsumerLoopPolls() {
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("trial-results consumer")));
    }

    @Test
    void describesItsHardwareAndSettings() {
        // ChooseNativeBuildFirst chose the build before Quarkus started, as EvaluatorMain does in the packaged app.
        String chosen = NativeBuild.selected().orElseThrow().build().classifier();
        given().when().get("/api/evaluator").then()
                .statusCode(200)
                .body("hardware", containsString("logical cores"))
                .body("hardware", endsWith(" | ND4J nd4j-native " + chosen + " (OPENBLAS)"))
                .body("device.build", equalTo(chosen))
                .body("device.selected", equalTo(chosen))
                .body("device.ompThreads", equalTo(1))
                .body("evaluatorId", not(emptyString()))
                .body("settings.latencyRepetitions", equalTo(40))
                .body("settings.throughputBatchSize", equalTo(256));
    }

    private static String newTrialId() {
        return "trial-" + UUID.randomUUID();
    }

    private static void publish(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TRIAL_RESULTS, key, value)).get();
    }

    private static TrialScore awaitScore(String trialId) {
        ConsumerRecord<String, byte[]> record = scores.await(r -> trialId.equals(r.key()), WAIT)
                .orElseThrow(() -> new AssertionError("no score for " + trialId + " within " + WAIT));
        TrialScore score = Json.read(record.value(), TrialScore.class);
        assertThat(score.trialId()).isEqualTo(trialId);
        return score;
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return deadLetters.await(r -> key.equals(r.key()), WAIT)
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " within " + WAIT));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
