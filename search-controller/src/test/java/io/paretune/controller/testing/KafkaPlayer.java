package io.paretune.controller.testing;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Message;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.kafka.local.LocalKafkaResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test plays trainer-worker and evaluator over the real broker: reads the jobs the controller publishes (with a
 * plain consumer, from the beginning of the topic) and answers with progress, results and scores.
 */
public final class KafkaPlayer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> jobs;
    private final List<TrialJob> seen = new ArrayList<>();

    public KafkaPlayer() {
        String bootstrap = LocalKafkaResource.bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        jobs = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(Topics.TRIAL_JOBS, 0);
        jobs.assign(List.of(partition));
        jobs.seekToBeginning(List.of(partition));
    }

    /** Every job of the campaign seen so far, after polling for up to {@code wait}. */
    public List<TrialJob> jobs(String campaignId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            poll();
        } while (System.nanoTime() < deadline);
        return seen.stream().filter(j -> j.campaignId().equals(campaignId)).toList();
    }

    /** Waits until the campaign has at least {@code count} jobs on the topic; returns them all. */
    public List<TrialJob> awaitJobs(String campaignId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
            List<TrialJob> found = seen.stream().filter(j -> j.campaignId().equals(campaignId)).toList();
            if (found.size() >= count) {
                return found;
            }
        }
        throw new AssertionError("fewer than " + count + " jobs for campaign " + campaignId + " within " + timeout
                + ": " + seen.stream().filter(j -> j.campaignId().equals(campaignId)).toList());
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : jobs.poll(Duration.ofMillis(200))) {
            try {
                seen.add(Json.read(r.value(), TrialJob.class));
            } catch (RuntimeException e) {
                // not a job this test wrote or reads
            }
        }
    }

    public void started(TrialJob job, int attempt, String worker) {
        send(Topics.TRIAL_PROGRESS, job.trialId(), TrialProgress.started(job, attempt, worker));
    }

    public void epoch(TrialJob job, int attempt, String worker, int epoch, double valAccuracy) {
        send(Topics.TRIAL_PROGRESS, job.trialId(), new TrialProgress(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, worker, TrialProgress.Phase.EPOCH, epoch, 0.9 / epoch, valAccuracy - 0.02,
                1.0 / epoch, valAccuracy, 1.5, 4000.0, Instant.now(), job.segment()));
    }

    /** The job's segment ended with a checkpoint at its stop epoch; {@code valAccuracy} after that epoch. */
    public void checkpointed(TrialJob job, int attempt, String worker, double valAccuracy) {
        int epoch = job.stopEpoch();
        send(Topics.TRIAL_RESULTS, job.trialId(), new TrialResult(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, worker, TrialResult.Outcome.CHECKPOINTED, null, null, job.modelFamily(),
                job.params(), job.dataset(), job.seed(), epoch, epoch, false, 1.5 * epoch, 1.0 / epoch, valAccuracy,
                12_345, "CpuBackend (test)", Instant.now(), job.segment(),
                ArtifactPaths.checkpoint(job.campaignId(), job.trialId(), epoch, attempt),
                1.0 / epoch, valAccuracy));
    }

    public void heartbeat(TrialJob job, int attempt, String worker, int lastEpoch) {
        send(Topics.TRIAL_PROGRESS, job.trialId(), TrialProgress.heartbeat(job, attempt, worker, lastEpoch));
    }

    public void released(TrialJob job, int attempt, String worker, int lastEpoch) {
        send(Topics.TRIAL_PROGRESS, job.trialId(), TrialProgress.released(job, attempt, worker, lastEpoch));
    }

    public void trained(TrialJob job, int attempt, String worker, int epochs) {
        send(Topics.TRIAL_RESULTS, job.trialId(), new TrialResult(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, worker, TrialResult.Outcome.TRAINED, null,
                ArtifactPaths.model(job.campaignId(), job.trialId(), job.segment(), attempt), job.modelFamily(), job.params(),
                job.dataset(), job.seed(), epochs, epochs, false, 3.5, 0.4, 0.8, 12_345, "CpuBackend (test)",
                Instant.now(), job.segment(), null, 0.4, 0.8));
    }

    /** The trial's model, compressed, in the artifact store at {@code artifactPath}, as a worker reports it. */
    public void trainedModel(TrialJob job, int attempt, String worker, String artifactPath,
                             Double uncompressedValAccuracy, Integer prunedAfterEpoch) {
        send(Topics.TRIAL_RESULTS, job.trialId(), new TrialResult(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, worker, TrialResult.Outcome.TRAINED, null, artifactPath, job.modelFamily(),
                job.params(), job.dataset(), job.seed(), 2, 1, true, 6.5, 0.45, 0.82, 25_450, "CpuBackend (test)",
                Instant.now(), job.segment(), null, 0.47, 0.81, uncompressedValAccuracy, prunedAfterEpoch));
    }

    /** The evaluator's score of the file whose SHA-256 is {@code sha256} (null: a score that names no file). */
    public void scoredModel(TrialJob job, int attempt, Map<String, Double> metrics, String computePrecision,
                            String sha256) {
        send(Topics.TRIAL_SCORES, job.trialId(), new TrialScore(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, "test-evaluator", TrialScore.Outcome.SCORED, null, metrics,
                "test hardware (2 cores)", Instant.now(), computePrecision, sha256));
    }

    public void trainingFailed(TrialJob job, int attempt, String worker, String reason) {
        send(Topics.TRIAL_RESULTS, job.trialId(), new TrialResult(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, worker, TrialResult.Outcome.FAILED, reason, null, job.modelFamily(),
                job.params(), job.dataset(), job.seed(), 0, 0, false, 0.1, null, null, 0, "CpuBackend (test)",
                Instant.now()));
    }

    public void scored(TrialJob job, int attempt, double valAccuracy, double latencyMs) {
        send(Topics.TRIAL_SCORES, job.trialId(), new TrialScore(Message.CURRENT_SCHEMA_VERSION, job.campaignId(),
                job.trialId(), attempt, "test-evaluator", TrialScore.Outcome.SCORED, null,
                Map.of("val_accuracy", valAccuracy, "latency_ms_p50", latencyMs, "test_accuracy", valAccuracy - 0.01,
                        "param_count", 12_345.0), "test hardware", Instant.now()));
    }

    /** A worker that trains and an evaluator that scores, back to back. */
    public void runToScore(TrialJob job, String worker, double valAccuracy) {
        started(job, 1, worker);
        epoch(job, 1, worker, 1, valAccuracy);
        trained(job, 1, worker, 1);
        scored(job, 1, valAccuracy, 0.2);
    }

    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String topic, String key, Message message) {
        sendRaw(topic, key, Json.write(message));
    }

    /** The dead letter whose value is {@code value}, read from the beginning of the dead-letter topic. */
    public ConsumerRecord<String, byte[]> awaitDeadLetter(byte[] value, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafkaResource.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.DEAD_LETTER, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (java.util.Arrays.equals(value, r.value())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with that value within " + timeout);
    }

    /** The campaign-control records of the campaign, read from the beginning of the topic for up to {@code wait}. */
    public List<ConsumerRecord<String, byte[]>> controls(String campaignId, Duration wait) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafkaResource.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.CAMPAIGN_CONTROL, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (campaignId.equals(Json.read(r.value(), CampaignControl.class).campaignId())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /** Waits for the campaign's first campaign-control record. */
    public ConsumerRecord<String, byte[]> awaitControl(String campaignId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<String, byte[]>> found = controls(campaignId, Duration.ofSeconds(1));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        throw new AssertionError("no campaign-control record for campaign " + campaignId + " within " + timeout);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jobs.close();
        producer.close();
    }
}
