package io.paretune.kafka.client;

import java.time.Duration;

/**
 * What differs between the services' plain consumers; the rest is the same for all ({@link KafkaClients#consumer}).
 *
 * <pre>{@code
 * ConsumerSettings settings = ConsumerSettings.inGroup(Topics.EVALUATORS_GROUP)
 *         .withMaxPollRecords(1)
 *         .withMaxPollInterval(Duration.ofMinutes(30));
 * }</pre>
 *
 * @param group           the consumer group; null for a consumer that assigns itself partitions and commits nothing
 * @param name            the end of its client id, {@code paretune-<service>-<name>}
 * @param maxPollRecords  Kafka {@code max.poll.records}
 * @param maxPollInterval Kafka {@code max.poll.interval.ms}: the longest a group member may take over one poll's
 *                        records before the group gives its partitions to another
 */
public record ConsumerSettings(String group, String name, int maxPollRecords, Duration maxPollInterval) {

    /** Kafka's own defaults for what a service does not set. */
    private static final int DEFAULT_MAX_POLL_RECORDS = 500;
    private static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    /** A member of {@code group}, named {@code consumer}. */
    public static ConsumerSettings inGroup(String group) {
        return new ConsumerSettings(group, "consumer", DEFAULT_MAX_POLL_RECORDS, DEFAULT_MAX_POLL_INTERVAL);
    }

    /** A consumer outside any group, named {@code name}. */
    public static ConsumerSettings withoutGroup(String name) {
        return new ConsumerSettings(null, name, DEFAULT_MAX_POLL_RECORDS, DEFAULT_MAX_POLL_INTERVAL);
    }

    public ConsumerSettings withMaxPollRecords(int records) {
        return new ConsumerSettings(group, name, records, maxPollInterval);
    }

    public ConsumerSettings withMaxPollInterval(Duration interval) {
        return new ConsumerSettings(group, name, maxPollRecords, interval);
    }
}
