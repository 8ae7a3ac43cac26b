package io.paretune.evaluator.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialScore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes scores on {@link Topics#TRIAL_SCORES}, keyed by trial id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ScorePublisher {

    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;

    public ScorePublisher(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** @throws PublishException when the score was not acknowledged; the result must then be scored again */
    public void publish(TrialScore score) {
        try {
            producer.send(new ProducerRecord<>(Topics.TRIAL_SCORES, score.trialId(), Json.write(score)))
                    .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing the score of " + score.trialId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("score of " + score.trialId() + " not acknowledged: " + e.getMessage(), e);
        }
    }
}
