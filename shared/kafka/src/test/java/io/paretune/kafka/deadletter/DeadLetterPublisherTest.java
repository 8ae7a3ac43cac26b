package io.paretune.kafka.deadletter;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paretune.contract.messaging.DeadLetterHeaders;
import io.paretune.contract.messaging.Topics;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.paretune.kafka.testing.TestTopics.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProducer<byte[], byte[]> broker = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(new Publisher(broker), "evaluator",
            registry, List.of(Topics.TRIAL_RESULTS));

    @Test
    void exportsACounterPerInputTopicFromTheStart() {
        assertThat(count(Topics.TRIAL_RESULTS)).isZero();
    }

    @Test
    void passesKeyAndValueOnUntouchedWithHeadersAndCountsIt() {
        byte[] key = {(byte) 0xc3, 0x28}; // not valid UTF-8
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.TRIAL_RESULTS, 0, 41, key, utf8("{garbage"));

        deadLetters.deadLetter(record, "unreadable TrialResult", new IllegalArgumentException("bad"));

        ProducerRecord<byte[], byte[]> letter = broker.history().get(0);
        assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(utf8("{garbage"));
        assertThat(letter.headers().toArray()).extracting(h -> h.key()).containsExactly(DeadLetterHeaders.REASON,
                DeadLetterHeaders.EXCEPTION, DeadLetterHeaders.SOURCE_TOPIC, DeadLetterHeaders.SOURCE_PARTITION,
                DeadLetterHeaders.SOURCE_OFFSET, DeadLetterHeaders.SERVICE);
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value()).isEqualTo(utf8("41"));
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.SERVICE).value()).isEqualTo(utf8("evaluator"));
        assertThat(count(Topics.TRIAL_RESULTS)).isEqualTo(1);
    }

    @Test
    void throwsAndCountsNothingWhenTheBrokerDidNotStoreIt() {
        broker.sendException = new TimeoutException("broker unreachable");
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.TRIAL_RESULTS, 0, 7, null, utf8("x"));

        assertThatThrownBy(() -> deadLetters.deadLetter(record, "unreadable", null))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining(Topics.DEAD_LETTER);
        assertThat(count(Topics.TRIAL_RESULTS)).isZero();
    }

    private double count(String topic) {
        return registry.get(DeadLetterPublisher.METER).tag("service", "evaluator").tag("topic", topic).counter().count();
    }
}
