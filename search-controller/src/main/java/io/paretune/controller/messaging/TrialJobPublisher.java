package io.paretune.controller.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Puts trial jobs on {@link Topics#TRIAL_JOBS}, keyed by trial id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class TrialJobPublisher {

    private final Publisher publisher;

    public TrialJobPublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Returns once the job is stored on the broker.
     *
     * @throws PublishException when it is not within {@code timeout}
     */
    public void publish(TrialJob job, Duration timeout) {
        publisher.publish(Topics.TRIAL_JOBS, job.trialId(), Json.write(job), timeout);
    }
}
