package io.paretune.evaluator.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Records the evaluator is behind on its input topic, as the gauge {@code paretune.evaluator.consumer.lag}. A Kafka
 * consumer is single-threaded, so the loop updates the figure and the gauge only reads it; NaN until first known.
 */
final class ConsumerLag {

    static final String METER = "paretune.evaluator.consumer.lag";
    private static final Duration FALLBACK_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FALLBACK_TIMEOUT = Duration.ofSeconds(2);

    private volatile double records = Double.NaN;
    private long lastFallbackNanos;

    ConsumerLag(MeterRegistry registry) {
        Gauge.builder(METER, this, ConsumerLag::records)
                .description("Trial results published but not yet evaluated by this evaluator's group")
                .strongReference(true)
                .register(registry);
    }

    double records() {
        return records;
    }

    /** Called from the consumer's own thread. */
    void update(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        long total = 0;
        for (TopicPartition partition : assigned) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty()) {
                updateFromEndOffsets(consumer, assigned);
                return;
            }
            total += lag.getAsLong();
        }
        records = total;
    }

    /** Before the first fetch the consumer knows no lag; ask the broker, but not on every poll. */
    private void updateFromEndOffsets(Consumer<?, ?> consumer, Set<TopicPartition> assigned) {
        long now = System.nanoTime();
        if (lastFallbackNanos != 0 && now - lastFallbackNanos < FALLBACK_INTERVAL.toNanos()) {
            return;
        }
        lastFallbackNanos = now;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, FALLBACK_TIMEOUT);
            long total = 0;
            for (TopicPartition partition : assigned) {
                total += Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition, FALLBACK_TIMEOUT));
            }
            records = total;
        } catch (RuntimeException e) {
            // Unknown for now; the next poll tries again.
        }
    }
}
