package io.paretune.kafka.client;

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

    private static KafkaConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(KafkaConfig.class);
    }
}
