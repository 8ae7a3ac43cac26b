package io.paretune.kafka.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a {@link LocalKafka} broker for a Quarkus test and points the service at it.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(LocalKafkaResource.class)
 * class TrialJobConsumerTest { ... }
 * }</pre>
 */
public class LocalKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = LocalKafka.startTemporary();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** The broker of the running test, for tests that produce or consume directly. */
    public static String bootstrapServers() {
        if (kafka == null) {
            throw new IllegalStateException("no LocalKafka running");
        }
        return kafka.bootstrapServers();
    }
}
