package io.paretune.evaluator.health;

import io.paretune.evaluator.messaging.TrialResultConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the trial-results loop is alive and polling, not retrying a broken connection or stuck on a model. */
@Readiness
@ApplicationScoped
public class ConsumerLoopHealthCheck implements HealthCheck {

    private final TrialResultConsumer consumer;

    public ConsumerLoopHealthCheck(TrialResultConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        TrialResultConsumer.Status status = consumer.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("trial-results consumer")
                .status(consumer.isHealthy())
                .withData("state", status.state().name())
                .withData("threadAlive", status.threadAlive())
                .withData("lastProgress", String.valueOf(status.lastProgress()));
        if (status.scoringTrialId() != null) {
            response.withData("scoringTrialId", status.scoringTrialId());
        }
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        return response.build();
    }
}
