package io.paretune.controller.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Puts trial jobs on {@link Topics#TRIAL_JOBS}, keyed by trial id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class TrialJobPublisher {

    private final KafkaClients clients;

    public TrialJobPublisher(KafkaClients clients) {
        this.clients = clients;
    }

    /** Returns once the job is stored on the broker; throws when it is not within {@code timeout}. */
    public void publish(TrialJob job, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        clients.producer().send(new ProducerRecord<>(Topics.TRIAL_JOBS, job.trialId(), Json.write(job)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
