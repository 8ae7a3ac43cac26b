package io.paretune.worker.reporting;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import io.paretune.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * What the worker reports of its trials: progress (fire and forget; a lost epoch report is replaced by the next),
 * except the start of an attempt, which is waited for like results: a job is taken off the queue only once the
 * controller is sure to hear of its start. Records are keyed by trial id so that one trial's messages stay in order.
 */
@ApplicationScoped
public class TrialEventPublisher {

    private static final Logger LOG = Logger.getLogger(TrialEventPublisher.class);

    private final Publisher publisher;
    private final Duration sendTimeout;

    public TrialEventPublisher(Publisher publisher, WorkerConfig config) {
        this.publisher = publisher;
        this.sendTimeout = Duration.ofMillis(config.worker().sendTimeoutMs());
    }

    /** Sends a progress report without waiting; a failure is logged. */
    public void progress(TrialProgress progress) {
        publisher.publishLater(Topics.TRIAL_PROGRESS, progress.trialId(), Json.write(progress), error ->
                LOG.warnf("progress %s of trial %s not sent: %s", progress.phase(), progress.trialId(), error.toString()));
    }

    /**
     * Sends a progress report and waits until the broker has it.
     *
     * @throws PublishException when the broker did not acknowledge it in time
     */
    public RecordMetadata progressStored(TrialProgress progress) {
        return publisher.publish(Topics.TRIAL_PROGRESS, progress.trialId(), Json.write(progress), sendTimeout);
    }

    /**
     * Sends a result and waits until the broker has it.
     *
     * @throws PublishException when the broker did not acknowledge it in time
     */
    public RecordMetadata result(TrialResult result) {
        return publisher.publish(Topics.TRIAL_RESULTS, result.trialId(), Json.write(result), sendTimeout);
    }
}
