package io.paretune.evaluator.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialScore;
import io.paretune.kafka.publish.PublishException;
import io.paretune.kafka.publish.Publisher;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes scores on {@link Topics#TRIAL_SCORES}, keyed by trial id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ScorePublisher {

    private final Publisher publisher;

    public ScorePublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    /** @throws PublishException when the score was not acknowledged; the result must then be scored again */
    public void publish(TrialScore score) {
        publisher.publish(Topics.TRIAL_SCORES, score.trialId(), Json.write(score));
    }
}
