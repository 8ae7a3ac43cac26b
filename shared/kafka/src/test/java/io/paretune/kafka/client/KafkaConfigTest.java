package io.paretune.kafka.client;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigTest {

    @Test
    void readsTheKeyQuarkusKafkaHealthCheckReadsToo() {
        assertThat(mapping(Map.of("kafka.bootstrap.servers", "broker-1:9092,broker-2:9092")).bootstrapServers())
                .isEqualTo("broker-1:9092,broker-2:9092");
    }

    @Test
    void defaultsToALocalBroker() {
        assertThat(mapping(Map.of()).bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void takesEveryOtherKafkaKeyWithItsDotsInsteadOfRefusingIt() {
        KafkaConfig config = mapping(Map.of("kafka.bootstrap.servers", "b:9092", "kafka.security.protocol", "SSL",
                "kafka.sasl.jaas.config", "x y=z;"));

        assertThat(config.properties()).containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.jaas.config", "x y=z;")
                .containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void takesSaslSettingsFromTheEnvironmentAsComposeGivesThem() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                .withValidateUnknown(true)
                .withSources(new EnvConfigSource(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"worker\" password=\"p\";"), 300))
                .build();

        assertThat(config.getConfigMapping(KafkaConfig.class).properties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"worker\" password=\"p\";")
                .containsEntry("bootstrap.servers", "kafka:9092");
    }

    private static KafkaConfig mapping(Map<String, String> properties) {
        // As in Quarkus: a key under the mapping's prefix that maps to nothing stops the start.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                .withValidateUnknown(true)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(KafkaConfig.class);
    }
}
