package io.paretune.evaluator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.trial.TrialResult;
import io.paretune.contract.trial.TrialScore;
import io.paretune.evaluator.scoring.ModelScorer;
import io.paretune.ml.backend.BackendInfo;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns a trained result into a score, whatever happens while scoring: an exception becomes a FAILED score with
 * the exception's message, so that the controller hears about every trained trial. Only a result that is wrong as
 * a message ({@link MalformedMessageException}) escapes, for the caller to dead-letter.
 */
// Created at start-up so that its meters are exported (as zeros) before the first evaluation.
@Startup
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final ModelScorer scorer;
    private final Map<TrialScore.Outcome, Counter> evaluations = new EnumMap<>(TrialScore.Outcome.class);
    private final Map<TrialScore.Outcome, Timer> durations = new EnumMap<>(TrialScore.Outcome.class);

    public EvaluationService(ModelScorer scorer, MeterRegistry registry) {
        this.scorer = scorer;
        for (TrialScore.Outcome outcome : TrialScore.Outcome.values()) {
            String tag = outcome.name().toLowerCase(Locale.ROOT);
            evaluations.put(outcome, Counter.builder("paretune.evaluations")
                    .description("Trained models evaluated, by outcome (scored or failed)")
                    .tag("outcome", tag)
                    .register(registry));
            durations.put(outcome, Timer.builder("paretune.evaluation.duration")
                    .description("Wall-clock time to load and score one model (accuracy, loss, latency, throughput)")
                    .tag("outcome", tag)
                    .register(registry));
        }
        // What the latencies are measured on, as in every score's hardware string: an info series, always 1.
        BackendInfo backend = BackendInfo.current();
        Gauge.builder("paretune.evaluator.backend.info", () -> 1)
                .description("Always 1; the tags name the ND4J backend, native build, CPU and OpenMP threads")
                .tag("backend", backend.backend())
                .tag("build", backend.build())
                .tag("cpu", backend.cpu())
                .tag("threads", String.valueOf(backend.ompThreads()))
                .register(registry);
    }

    /**
     * @throws MalformedMessageException when the result itself is unusable (dead letter, not a score)
     */
    public TrialScore evaluate(TrialResult result) {
        long start = System.nanoTime();
        TrialScore score;
        try {
            score = scorer.score(result);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            LOG.warnf(e, "scoring trial %s (attempt %d) failed", result.trialId(), result.attempt());
            score = scorer.failed(result, "evaluation failed: " + describe(e));
        }
        durations.get(score.outcome()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        evaluations.get(score.outcome()).increment();
        if (score.outcome() == TrialScore.Outcome.SCORED) {
            LOG.infof("scored trial %s (attempt %d): %s", result.trialId(), result.attempt(), score.metrics());
        } else {
            LOG.infof("trial %s (attempt %d) could not be scored: %s", result.trialId(), result.attempt(),
                    score.failureReason());
        }
        return score;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
