package io.paretune.kafka.admin;

import java.util.Map;

/**
 * A share group's settings that must be in place before its first member joins: a new share group otherwise starts
 * at the latest offset and misses the records already queued.
 *
 * <pre>{@code
 * new ShareGroupSettings(30_000, 10)  // 30 s record lock, archived after 10 deliveries
 * }</pre>
 *
 * @param recordLockDurationMs {@code share.record.lock.duration.ms}: how long a record stays with the member that
 *                             took it before it goes to another (15,000 to 60,000 unless the broker allows more)
 * @param deliveryCountLimit   {@code share.delivery.count.limit} (2 to 10): deliveries before a record is archived
 */
public record ShareGroupSettings(int recordLockDurationMs, int deliveryCountLimit) {

    /** As group configs, {@code share.auto.offset.reset=earliest} included. */
    public Map<String, String> configs() {
        return Map.of(
                "share.auto.offset.reset", "earliest",
                "share.record.lock.duration.ms", Integer.toString(recordLockDurationMs),
                "share.delivery.count.limit", Integer.toString(deliveryCountLimit));
    }
}
