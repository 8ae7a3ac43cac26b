package io.paretune.worker.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.kafka.local.LocalKafkaResource;
import io.paretune.ml.compress.CompressedArtifact;
import io.paretune.artifacts.FileArtifactStore;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.state.CancelledCampaigns;
import io.paretune.worker.training.TrialJobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class TrialJobConsumerTest {

    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(120);
    private static TopicWatcher kafka;

    @Inject
    WorkerConfig config;
    @Inject
    CancelledCampaigns cancelledCampaigns;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void connect() {
        if (kafka == null) {
            kafka = new TopicWatcher(LocalKafkaResource.bootstrapServers());
        }
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Test
    void trainsAPublishedJobReportingStartEpochsAndResultThenAcceptsIt() throws Exception {
        // Long enough (a few seconds) for the test heartbeat period (0.5 s) to come round several times.
        TrialJob job = TrialJobs.job(Map.of("hiddenLayers", 2, "units", 256, "batchSize", 32), 4000, 3, 0);
        kafka.publish(job);

        TrialResult result = awaitResult(job.trialId());

        assertThat(result.outcome()).as(result.failureReason()).isEqualTo(TrialResult.Outcome.TRAINED);
        assertThat(result.attempt()).isEqualTo(1);
        assertThat(result.epochsTrained()).isEqualTo(3);
        assertThat(result.bestEpoch()).isBetween(1, 3);
        assertThat(result.valAccuracy()).isGreaterThan(0.6);
        assertThat(result.bestValLoss()).isPositive();
        assertThat(result.paramCount()).isEqualTo(784L * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
        assertThat(result.backend()).startsWith("nd4j-native CpuBackend, OMP threads ");
        assertThat(result.params()).isEqualTo(job.params());
        assertThat(result.uncompressedValAccuracy()).as("not pruned, fp32: the kept model's own")
                .isEqualTo(result.valAccuracy());
        assertThat(result.prunedAfterEpoch()).isNull();
        Path model = new FileArtifactStore(Path.of(config.artifacts().dir())).resolve(result.artifactPath());
        assertThat(model).isRegularFile();
        assertThat(CompressedArtifact.isCompressedArtifact(model)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<TrialProgress> progress = kafka.progress(job.trialId());
            assertThat(progress).filteredOn(p -> p.phase() == TrialProgress.Phase.STARTED)
                    .singleElement().satisfies(p -> assertThat(p.attempt()).isEqualTo(1));
            assertThat(progress).filteredOn(p -> p.phase() == TrialProgress.Phase.EPOCH)
                    .extracting(TrialProgress::epoch).containsExactly(1, 2, 3);
            assertThat(progress).filteredOn(p -> p.phase() == TrialProgress.Phase.EPOCH)
                    .allSatisfy(p -> {
                        assertThat(p.valAccuracy()).isBetween(0.0, 1.0);
                        assertThat(p.samplesPerSecond()).isPositive();
                    });
        });
        List<TrialProgress> heartbeats = kafka.progress(job.trialId()).stream()
                .filter(p -> p.phase() == TrialProgress.Phase.HEARTBEAT).toList();
        if (result.trainSeconds() > 3 * config.worker().heartbeatIntervalMs() / 1000.0) {
            assertThat(heartbeats).isNotEmpty();
        }
        assertThat(heartbeats).allSatisfy(h -> assertThat(h.epoch()).isBetween(0, 3));

        // Accepted once started: nothing is left for the share group, so the job is never delivered again.
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.shareGroupLag() == 0);
        assertThat(kafka.results(job.trialId())).hasSize(1);
    }

    @Test
    void jobsQueuedBehindALongTrialAreEachTrainedOnce() throws Exception {
        // One worker, so the second and third jobs wait in the queue for the whole first trial, longer than the
        // record lock. A share consumer left open while the worker trains holds a job it fetched ahead until its
        // lock runs out, then still hands out its stale copy: the job trains twice, and its acknowledgement fails.
        TrialJob slow = TrialJobs.job(Map.of("hiddenLayers", 2, "units", 256, "batchSize", 32), 10_000, 3, 0);
        TrialJob queued1 = TrialJobs.small(1);
        TrialJob queued2 = TrialJobs.small(1);
        kafka.publish(slow);
        kafka.publish(queued1);
        kafka.publish(queued2);

        TrialResult first = awaitResult(slow.trialId());
        assertThat(first.trainSeconds()).as("the jobs waited longer than the record lock, else this test proves"
                + " nothing").isGreaterThan(config.worker().recordLockDurationMs() / 1000.0);
        for (TrialJob job : List.of(queued1, queued2)) {
            TrialResult result = awaitResult(job.trialId());
            assertThat(result.outcome()).isEqualTo(TrialResult.Outcome.TRAINED);
            assertThat(result.attempt()).isEqualTo(1);
            assertThat(kafka.progress(job.trialId())).as("started once").filteredOn(
                    p -> p.phase() == TrialProgress.Phase.STARTED).singleElement();
            assertThat(kafka.results(job.trialId())).as("trained once").hasSize(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.shareGroupLag() == 0);
        assertThat(kafka.results(slow.trialId())).as("trained once").hasSize(1);
    }

    @Test
    void aJobDispatchedAgainReportsTheAttemptItWasDispatchedFor() throws Exception {
        TrialJob original = TrialJobs.small(1);
        TrialJob retry = new TrialJob(original.schemaVersion(), original.campaignId(), original.trialId(),
                original.trialNumber(), original.modelFamily(), original.params(), original.dataset(),
                original.maxEpochs(), original.patience(), original.seed(), original.createdAt(),
                original.startEpoch(), original.stopEpoch(), original.resumeFrom(), original.segment(), 2);
        kafka.publish(retry);

        TrialResult result = awaitResult(retry.trialId());
        assertThat(result.attempt()).isEqualTo(2);
        assertThat(result.artifactPath()).contains("attempt-2");
    }

    @Test
    void unreadableJobIsDeadLetteredWithTheReasonAndTheNextJobStillTrains() throws Exception {
        String garbageKey = "garbage-" + System.nanoTime();
        RecordMetadata garbage = kafka.publishRaw(garbageKey, "this is not a job".getBytes(StandardCharsets.UTF_8));
        TrialJob job = TrialJobs.small(1);
        kafka.publish(job);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.deadLetters(garbageKey)).hasSize(1));
        ConsumerRecord<byte[], byte[]> letter = kafka.deadLetters(garbageKey).get(0);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("this is not a job");
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.REASON)).contains("TrialJob");
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(MalformedMessageException.class.getName());
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TRIAL_JOBS);
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(garbage.offset()));
        assertThat(TopicWatcher.header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("worker");

        assertThat(awaitResult(job.trialId()).outcome()).isEqualTo(TrialResult.Outcome.TRAINED);
    }

    @Test
    void invalidParametersGiveAFailedResultAndTheWorkerGoesOn() throws Exception {
        TrialJob invalid = TrialJobs.job(Map.of("units", 0), 1000, 1, 0);
        TrialJob valid = TrialJobs.small(1);
        kafka.publish(invalid);
        kafka.publish(valid);

        TrialResult failed = awaitResult(invalid.trialId());
        assertThat(failed.outcome()).isEqualTo(TrialResult.Outcome.FAILED);
        assertThat(failed.failureReason()).startsWith("units ");
        assertThat(failed.artifactPath()).isNull();
        assertThat(failed.epochsTrained()).isZero();
        assertThat(kafka.deadLetters(invalid.trialId())).as("a domain failure is not a dead letter").isEmpty();

        assertThat(awaitResult(valid.trialId()).outcome()).isEqualTo(TrialResult.Outcome.TRAINED);
    }

    @Test
    void divergingTrialGivesAFailedResult() throws Exception {
        TrialJob job = TrialJobs.job(Map.of("hiddenLayers", 4, "units", 256, "optimizer", "sgd", "learningRate", 1.0,
                "batchSize", 32), 2000, 2, 0);
        kafka.publish(job);

        TrialResult result = awaitResult(job.trialId());
        assertThat(result.outcome()).isEqualTo(TrialResult.Outcome.FAILED);
        assertThat(result.failureReason()).isEqualTo("training diverged: loss is NaN at epoch 1");
    }

    @Test
    void jobsOfACancelledCampaignLeaveTheQueueUnannouncedAndUntrainedAndTheNextJobTrains() throws Exception {
        String campaign = "cancelled-" + UUID.randomUUID();
        double droppedBefore = cancelledJobs("queued");
        kafka.publish(CampaignControl.cancelled(campaign, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> cancelledCampaigns.contains(campaign));
        TrialJob dropped1 = TrialJobs.inCampaign(TrialJobs.small(1), campaign);
        TrialJob dropped2 = TrialJobs.inCampaign(TrialJobs.small(1), campaign);
        TrialJob next = TrialJobs.small(1);
        kafka.publish(dropped1);
        kafka.publish(dropped2);
        kafka.publish(next);

        assertThat(awaitResult(next.trialId()).outcome()).isEqualTo(TrialResult.Outcome.TRAINED);

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.shareGroupLag() == 0);
        for (TrialJob dropped : List.of(dropped1, dropped2)) {
            assertThat(kafka.progress(dropped.trialId())).as("not even STARTED").isEmpty();
            assertThat(kafka.results(dropped.trialId())).isEmpty();
        }
        assertThat(cancelledJobs("queued") - droppedBefore).isEqualTo(2);
    }

    @Test
    void aTrialWhoseCampaignIsCancelledStopsFailedWithTheReasonAndTheWorkerTakesTheNextJob() throws Exception {
        String campaign = "cancelled-while-training-" + UUID.randomUUID();
        int epochs = 20; // about a minute here: the test would see TRAINED if the trial were not stopped
        TrialJob running = TrialJobs.inCampaign(TrialJobs.job(Map.of("hiddenLayers", 2, "units", 256, "batchSize", 32),
                10_000, epochs, 0), campaign);
        TrialJob next = TrialJobs.small(1);
        kafka.publish(running);
        kafka.publish(next);
        await().atMost(TRIAL_TIMEOUT).until(() -> kafka.progress(running.trialId()).stream()
                .anyMatch(p -> p.phase() == TrialProgress.Phase.EPOCH));

        kafka.publish(CampaignControl.cancelled(campaign, Instant.now()));

        TrialResult stopped = awaitResult(running.trialId());
        assertThat(stopped.outcome()).isEqualTo(TrialResult.Outcome.FAILED);
        assertThat(stopped.failureReason()).isEqualTo(CampaignControl.CANCELLED_REASON);
        assertThat(stopped.attempt()).isEqualTo(1);
        assertThat(stopped.epochsTrained()).isBetween(1, epochs - 1);
        assertThat(stopped.artifactPath()).isNull();
        assertThat(kafka.progress(running.trialId())).as("ended, not handed back for another attempt")
                .noneMatch(p -> p.phase() == TrialProgress.Phase.RELEASED);
        assertThat(awaitResult(next.trialId()).outcome()).isEqualTo(TrialResult.Outcome.TRAINED);
        assertThat(cancelledJobs("training")).isPositive();
    }

    private double cancelledJobs(String stage) {
        return registry.get("paretune.worker.jobs.cancelled").tag("stage", stage).counter().count();
    }

    private static TrialResult awaitResult(String trialId) {
        await().atMost(TRIAL_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> !kafka.results(trialId).isEmpty());
        return kafka.results(trialId).get(0);
    }
}
