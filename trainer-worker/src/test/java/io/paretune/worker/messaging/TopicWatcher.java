package io.paretune.worker.messaging;

import io.paretune.contract.campaign.CampaignControl;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The test's side of the broker: publishes jobs and collects everything the worker writes (progress, results,
 * dead letters) on a background consumer reading from the beginning.
 */
final class TopicWatcher implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    TopicWatcher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-watcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.TRIAL_PROGRESS, Topics.TRIAL_RESULTS, Topics.DEAD_LETTER));
        thread = new Thread(this::poll, "test-topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    RecordMetadata publish(TrialJob job) throws Exception {
        return publishRaw(job.trialId(), Json.write(job));
    }

    RecordMetadata publish(CampaignControl control) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.CAMPAIGN_CONTROL,
                control.campaignId().getBytes(StandardCharsets.UTF_8), Json.write(control))).get(30, TimeUnit.SECONDS);
    }

    RecordMetadata publishRaw(String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.TRIAL_JOBS, key.getBytes(StandardCharsets.UTF_8), value))
                .get(30, TimeUnit.SECONDS);
    }

    List<TrialProgress> progress(String trialId) {
        return seen.stream().filter(r -> r.topic().equals(Topics.TRIAL_PROGRESS))
                .map(r -> Json.read(r.value(), TrialProgress.class))
                .filter(p -> p.trialId().equals(trialId)).toList();
    }

    List<TrialResult> results(String trialId) {
        return seen.stream().filter(r -> r.topic().equals(Topics.TRIAL_RESULTS))
                .map(r -> Json.read(r.value(), TrialResult.class))
                .filter(p -> p.trialId().equals(trialId)).toList();
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters(String key) {
        return seen.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER))
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key)).toList();
    }

    /**
     * Jobs the trainers' share group has not finished with (not yet accepted); -1 when unknown. The group's start
     * offset is no use here: the broker persists it lazily, one acknowledgement behind.
     */
    long shareGroupLag() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicPartition jobs = new TopicPartition(Topics.TRIAL_JOBS, 0);
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(Map.of(
                    Topics.TRAINERS_SHARE_GROUP, new ListShareGroupOffsetsSpec().topicPartitions(List.of(jobs))))
                    .partitionsToOffsetInfo(Topics.TRAINERS_SHARE_GROUP).get(30, TimeUnit.SECONDS);
            SharePartitionOffsetInfo info = offsets.get(jobs);
            return info == null ? -1 : info.lag().orElse(-1L);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}
