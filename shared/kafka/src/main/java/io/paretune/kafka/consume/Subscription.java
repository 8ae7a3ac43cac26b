package io.paretune.kafka.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;

/**
 * Which records a {@link ConsumerLoop} reads, and whether it commits them.
 *
 * <pre>{@code
 * Subscription.group(List.of(Topics.TRIAL_RESULTS));    // a share of the topics in the consumer's group; commits
 * Subscription.wholeTopic(Topics.CAMPAIGN_CONTROL);     // every record, from the beginning; commits nothing
 * }</pre>
 */
public sealed interface Subscription {

    /** The topics' partitions the consumer's group gives it; offsets are committed once records are handled. */
    static Subscription group(Collection<String> topics) {
        return new Group(List.copyOf(topics));
    }

    /**
     * Every partition of {@code topic}, read from its beginning at each (re)connection, by a consumer without a
     * group: for a compacted topic every instance must read whole. Nothing is committed.
     */
    static Subscription wholeTopic(String topic) {
        return new WholeTopic(topic);
    }

    /** Subscribes or assigns a fresh consumer. */
    void join(Consumer<byte[], byte[]> consumer);

    /** Whether handled records are committed. */
    boolean commits();

    record Group(List<String> topics) implements Subscription {
        @Override
        public void join(Consumer<byte[], byte[]> consumer) {
            consumer.subscribe(topics);
        }

        @Override
        public boolean commits() {
            return true;
        }

        @Override
        public String toString() {
            return topics + " in its group";
        }
    }

    record WholeTopic(String topic) implements Subscription {
        /**
         * @throws IllegalStateException when the topic does not exist yet (whichever service starts first creates
         *                               it; the loop tries again after a pause)
         */
        @Override
        public void join(Consumer<byte[], byte[]> consumer) {
            List<PartitionInfo> found = consumer.partitionsFor(topic);
            if (found == null || found.isEmpty()) {
                throw new IllegalStateException(topic + " does not exist yet");
            }
            List<TopicPartition> partitions = found.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        @Override
        public boolean commits() {
            return false;
        }

        @Override
        public String toString() {
            return topic + " whole, from the beginning";
        }
    }
}
