package io.paretune.kafka.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.client.ConsumerSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.deadletter.DeadLetterPublisher;
import io.paretune.kafka.local.LocalKafka;
import io.paretune.kafka.publish.Publisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.paretune.kafka.testing.TestTopics.committed;
import static io.paretune.kafka.testing.TestTopics.create;
import static io.paretune.kafka.testing.TestTopics.header;
import static io.paretune.kafka.testing.TestTopics.readAll;
import static io.paretune.kafka.testing.TestTopics.send;
import static io.paretune.kafka.testing.TestTopics.text;
import static io.paretune.kafka.testing.TestTopics.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsumerLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private static LocalKafka kafka;
    private static KafkaClients clients;
    private static Admin admin;
    private static Publisher publisher;

    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private String topic;
    private String group;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.startTemporary();
        clients = new KafkaClients(kafka.bootstrapServers(), "test");
        admin = clients.admin();
        publisher = new Publisher(clients.producer());
        new BrokerSetup(clients).ensureTopics();
    }

    @AfterAll
    static void stopBroker() {
        publisher.close();
        admin.close();
        kafka.close();
    }

    @BeforeEach
    void freshTopicAndGroup() throws Exception {
        topic = create(admin, "loop-test");
        group = "group-" + topic;
    }

    @AfterEach
    void stopLoops() {
        loops.forEach(loop -> loop.stop(Duration.ofSeconds(10)));
    }

    @Test
    void handsEveryRecordOverInOrderAndCommitsWhatWasAcked() throws Exception {
        send(kafka.bootstrapServers(), topic, "a", "b", "c");
        List<String> seen = new CopyOnWriteArrayList<>();

        start(loop((record, attempt) -> {
            seen.add(text(record.value()));
            return Verdict.ack();
        }));

        await().atMost(WAIT).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("a", "b", "c");
        await().atMost(WAIT).until(() -> committed(admin, group, topic) == 3);
    }

    @Test
    void triesAFailingRecordAgainUntilItPassesBeforeTheNextOne() throws Exception {
        send(kafka.bootstrapServers(), topic, "flaky", "next");
        List<String> tries = new CopyOnWriteArrayList<>();

        start(loop((record, attempt) -> {
            String value = text(record.value());
            tries.add(value + "#" + attempt);
            if (value.equals("flaky") && attempt == 1) {
                return Verdict.retry(new IllegalStateException("database unreachable"));
            }
            if (value.equals("flaky") && attempt == 2) {
                throw new IllegalStateException("a handler's exception counts as a retry");
            }
            return Verdict.ack();
        }));

        await().atMost(WAIT).until(() -> tries.contains("next#1"));
        assertThat(tries).containsExactly("flaky#1", "flaky#2", "flaky#3", "next#1");
        await().atMost(WAIT).until(() -> committed(admin, group, topic) == 2);
    }

    @Test
    void setsARecordAsideWithItsKeyValueAndHeadersThenGoesOn() throws Exception {
        byte[] key = {(byte) 0xff, 0x00, 'k'}; // not UTF-8: must come through as it was
        byte[] garbage = utf8("{not a message " + topic);
        send(kafka.bootstrapServers(), topic, key, garbage);
        send(kafka.bootstrapServers(), topic, "next");
        List<String> acked = new CopyOnWriteArrayList<>();
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(publisher, "test", registry, List.of(topic));

        start(loop((record, attempt) -> {
            if (Arrays.equals(record.value(), garbage)) {
                return Verdict.deadLetter("unreadable test message", new IllegalArgumentException("bad JSON"));
            }
            acked.add(text(record.value()));
            return Verdict.ack();
        }).deadLetters(deadLetters));

        await().atMost(WAIT).until(() -> acked.contains("next"));
        ConsumerRecord<byte[], byte[]> letter = readAll(kafka.bootstrapServers(), Topics.DEAD_LETTER).stream()
                .filter(r -> Arrays.equals(r.value(), garbage)).findFirst().orElseThrow();
        assertThat(letter.key()).isEqualTo(key);
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("unreadable test message");
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("test");
        assertThat(registry.get(DeadLetterPublisher.METER).tag("service", "test").tag("topic", topic).counter().count())
                .isEqualTo(1);
        await().atMost(WAIT).until(() -> committed(admin, group, topic) == 2);
    }

    @Test
    void triesARecordAgainWhenItsDeadLetterWasNotStored() throws Exception {
        send(kafka.bootstrapServers(), topic, "poison");
        MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        broker.sendException = new TimeoutException("dead-letter topic unreachable");
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(new Publisher(broker), "test", registry, List.of(topic));
        List<Integer> attempts = new CopyOnWriteArrayList<>();

        start(loop((record, attempt) -> {
            attempts.add(attempt);
            if (attempt == 2) {
                broker.sendException = null;
            }
            return Verdict.deadLetter("poison", null);
        }).deadLetters(deadLetters));

        await().atMost(WAIT).until(() -> committed(admin, group, topic) == 1);
        assertThat(attempts).containsExactly(1, 2);
        assertThat(broker.history()).hasSize(1);
    }

    @Test
    void aRetryCutShortByShutdownIsNotCommittedAndComesBack() throws Exception {
        send(kafka.bootstrapServers(), topic, "blocked");
        AtomicInteger tries = new AtomicInteger();
        ConsumerLoop first = start(loop((record, attempt) -> {
            tries.incrementAndGet();
            return Verdict.retry(new IllegalStateException("database unreachable"));
        }));
        await().atMost(WAIT).until(() -> tries.get() >= 2);

        first.stop(Duration.ofSeconds(10));

        assertThat(first.status().state()).isEqualTo(LoopStatus.State.STOPPED);
        assertThat(committed(admin, group, topic)).isEqualTo(-1);
        List<String> seenAfterRestart = new CopyOnWriteArrayList<>();
        start(loop((record, attempt) -> {
            seenAfterRestart.add(text(record.value()));
            return Verdict.ack();
        }));
        await().atMost(WAIT).until(() -> seenAfterRestart.contains("blocked"));
        await().atMost(WAIT).until(() -> committed(admin, group, topic) == 1);
    }

    @Test
    void isLiveWhilePollingButNotWhenStuckInAHandlerOrStopped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConsumerLoop loop = start(loop((record, attempt) -> {
            if (text(record.value()).equals("slow")) {
                awaitQuietly(release);
            }
            return Verdict.ack();
        }).stuckAfter(Duration.ofSeconds(2)));
        await().atMost(WAIT).until(loop::live);

        send(kafka.bootstrapServers(), topic, "slow");

        await().atMost(WAIT).until(() -> !loop.live());
        assertThat(loop.status().threadAlive()).isTrue();
        release.countDown();
        await().atMost(WAIT).until(loop::live);

        loop.stop(Duration.ofSeconds(10));

        assertThat(loop.live()).isFalse();
        assertThat(loop.status().state()).isEqualTo(LoopStatus.State.STOPPED);
        assertThat(loop.status().threadAlive()).isFalse();
    }

    @Test
    void connectsAgainWithGrowingPausesAfterFailures() throws Exception {
        send(kafka.bootstrapServers(), topic, "after-reconnect");
        List<Long> connectTimes = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();

        ConsumerLoop loop = start(loop((record, attempt) -> {
            seen.add(text(record.value()));
            return Verdict.ack();
        }).beforeConnect(() -> {
            connectTimes.add(System.nanoTime());
            if (connectTimes.size() <= 3) {
                throw new IllegalStateException("broker not ready");
            }
        }));

        await().atMost(WAIT).until(() -> seen.contains("after-reconnect"));
        assertThat(connectTimes).hasSize(4);
        List<Long> pauses = new ArrayList<>();
        for (int i = 1; i < connectTimes.size(); i++) {
            pauses.add(TimeUnit.NANOSECONDS.toMillis(connectTimes.get(i) - connectTimes.get(i - 1)));
        }
        assertThat(pauses.get(0)).isGreaterThanOrEqualTo(100);
        assertThat(pauses.get(1)).isGreaterThanOrEqualTo(200);
        assertThat(pauses.get(2)).as("bounded by the maximum").isGreaterThanOrEqualTo(400);
        assertThat(loop.status().lastError()).isNull();
    }

    @Test
    void readsAWholeTopicFromTheBeginningInEveryLoopWithoutAGroup() throws Exception {
        String absent = "not-yet-" + topic;
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        ConsumerLoop early = start(wholeTopicLoop(absent, first));

        await().atMost(WAIT).until(() -> early.status().state() == LoopStatus.State.RECONNECTING);
        assertThat(early.status().lastError()).contains("does not exist yet");
        admin.createTopics(List.of(new NewTopic(absent, 1, (short) 1))).all().get();
        send(kafka.bootstrapServers(), absent, "x", "y");
        start(wholeTopicLoop(absent, second));

        await().atMost(WAIT).until(() -> first.size() == 2 && second.size() == 2);
        assertThat(first).containsExactly("x", "y");
        assertThat(second).containsExactly("x", "y");
    }

    private ConsumerLoop.Builder wholeTopicLoop(String wholeTopic, List<String> seen) {
        return ConsumerLoop.builder("test-whole-topic", () -> clients.consumer(ConsumerSettings.withoutGroup("reader")),
                Subscription.wholeTopic(wholeTopic), (record, attempt) -> {
                    seen.add(text(record.value()));
                    return Verdict.ack();
                }).pollTimeout(Duration.ofMillis(200)).backoff(QUICK);
    }

    private ConsumerLoop.Builder loop(RecordHandler handler) {
        return ConsumerLoop.builder("test-loop", () -> clients.consumer(ConsumerSettings.inGroup(group)),
                        Subscription.group(List.of(topic)), handler)
                .pollTimeout(Duration.ofMillis(200))
                .backoff(QUICK);
    }

    private ConsumerLoop start(ConsumerLoop.Builder builder) {
        ConsumerLoop loop = builder.build();
        loops.add(loop);
        loop.start();
        return loop;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
