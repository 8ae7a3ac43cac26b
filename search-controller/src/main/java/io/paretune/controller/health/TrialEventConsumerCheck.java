package io.paretune.controller.health;

import io.paretune.controller.messaging.TrialEventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the consumer of progress, results and scores polls: without it trials would never finish.
 * (The database and Kafka broker checks come with the datasource and Kafka extensions.)
 */
@Readiness
@ApplicationScoped
public class TrialEventConsumerCheck implements HealthCheck {

    private final TrialEventConsumer consumer;

    public TrialEventConsumerCheck(TrialEventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("trial-event-consumer").status(consumer.isHealthy()).build();
    }
}
