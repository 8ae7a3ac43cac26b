package io.paretune.kafka.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.util.Map;

/**
 * How the services reach Kafka: the {@code kafka.*} keys, which Quarkus's Kafka health check reads too, so that both
 * always talk to the same brokers the same way. {@code kafka.bootstrap.servers} (environment:
 * {@code KAFKA_BOOTSTRAP_SERVERS}) names the brokers; any other key (e.g. {@code kafka.security.protocol}) is passed
 * on to every client that knows it, under the settings {@link KafkaClients} fixes.
 *
 * <pre>{@code
 * KafkaClients clients = KafkaClients.from(kafkaConfig, "evaluator");
 * }</pre>
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    /** Brokers to connect to first, as comma-separated {@code host:port} pairs. Default {@code localhost:9092}. */
    @WithName("bootstrap.servers")
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /**
     * Every {@code kafka.*} key, without the prefix ({@code kafka.security.protocol=SSL} is {@code security.protocol}),
     * {@code bootstrap.servers} included. Declared so that such keys are taken rather than refused as unknown.
     */
    @WithParentName
    Map<String, String> properties();
}
