package io.paretune.kafka.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where the services find Kafka. The key is {@code kafka.bootstrap.servers} (environment:
 * {@code KAFKA_BOOTSTRAP_SERVERS}), the one Quarkus's Kafka health check reads too, so both always talk to the same
 * brokers.
 *
 * <pre>{@code
 * KafkaClients clients = new KafkaClients(kafkaConfig.bootstrapServers(), "evaluator");
 * }</pre>
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    /** Brokers to connect to first, as comma-separated {@code host:port} pairs. Default {@code localhost:9092}. */
    @WithName("bootstrap.servers")
    @WithDefault("localhost:9092")
    String bootstrapServers();
}
