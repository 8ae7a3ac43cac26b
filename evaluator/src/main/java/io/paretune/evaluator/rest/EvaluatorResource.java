package io.paretune.evaluator.rest;

import io.paretune.evaluator.messaging.TrialResultConsumer;
import io.paretune.evaluator.scoring.ModelScorer;
import io.paretune.evaluator.scoring.ScoringSettings;
import io.paretune.ml.backend.BackendInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this evaluator is: where its speed figures come from and what its consumer loop is doing. */
@Path("/api/evaluator")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluatorResource {

    /**
     * The evaluator's identity, reference hardware (as written into every score), measurement settings, loop state,
     * and the ND4J backend in detail (native build loaded and chosen, and why; threads).
     */
    public record EvaluatorInfo(String evaluatorId, String hardware, ScoringSettings settings,
                                TrialResultConsumer.Status consumer, BackendInfo device) {
    }

    private final ModelScorer scorer;
    private final TrialResultConsumer consumer;

    public EvaluatorResource(ModelScorer scorer, TrialResultConsumer consumer) {
        this.scorer = scorer;
        this.consumer = consumer;
    }

    @GET
    public EvaluatorInfo info() {
        return new EvaluatorInfo(scorer.evaluatorId(), scorer.hardware(), scorer.settings(), consumer.status(),
                BackendInfo.current());
    }
}
