package io.paretune.kafka.client;

import java.util.List;

/**
 * Who a service is on Kafka: {@code service} names its clients ({@code paretune-<service>-...}), its dead letters
 * (header {@code paretune.dlq.service}) and its dead-letter counter (tag {@code service}); {@code inputTopics} are
 * the topics it reads, whose dead-letter counters are exported from the start, at zero. Each service produces one.
 *
 * <pre>{@code
 * @Produces @Singleton
 * KafkaIdentity kafkaIdentity() {
 *     return new KafkaIdentity("evaluator", List.of(Topics.TRIAL_RESULTS));
 * }
 * }</pre>
 */
public record KafkaIdentity(String service, List<String> inputTopics) {

    public KafkaIdentity {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a service name is needed");
        }
        inputTopics = List.copyOf(inputTopics);
    }
}
