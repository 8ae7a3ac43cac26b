package io.paretune.controller.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialProgress;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.controller.trial.TrialEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Maps one record of the topics the controller reads to the tell core; each call is one transaction. */
@ApplicationScoped
public class TrialEventHandler {

    private final TrialEvents trials;

    public TrialEventHandler(TrialEvents trials) {
        this.trials = trials;
    }

    /** @throws MalformedMessageException when the record is not a message this build can read */
    public TrialEvents.Handling handle(ConsumerRecord<byte[], byte[]> record) {
        return switch (record.topic()) {
            case Topics.TRIAL_PROGRESS -> {
                TrialProgress progress = Json.read(record.value(), TrialProgress.class);
                require(progress.phase() != null, "TrialProgress without phase");
                yield trials.onProgress(progress);
            }
            case Topics.TRIAL_RESULTS -> {
                TrialResult result = Json.read(record.value(), TrialResult.class);
                require(result.outcome() != null, "TrialResult without outcome");
                require(result.outcome() != TrialResult.Outcome.CHECKPOINTED
                        || (result.checkpointPath() != null && !result.checkpointPath().isBlank()),
                        "CHECKPOINTED TrialResult without checkpointPath");
                yield trials.onResult(result);
            }
            case Topics.TRIAL_SCORES -> {
                TrialScore score = Json.read(record.value(), TrialScore.class);
                require(score.outcome() != null, "TrialScore without outcome");
                yield trials.onScore(score);
            }
            default -> throw new MalformedMessageException("the controller does not read topic " + record.topic());
        };
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new MalformedMessageException(problem);
        }
    }
}
