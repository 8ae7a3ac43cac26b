package io.paretune.contract.trial;

import io.paretune.contract.messaging.Message;

import java.time.Instant;
import java.util.Map;

/**
 * The evaluator's verdict on a trained model, on {@code paretune.trial-scores}. Metrics are keyed by
 * {@link io.paretune.contract.campaign.Metric#wireName()} so that objectives name them directly.
 *
 * <pre>{@code
 * double accuracy = score.metrics().get(Metric.VAL_ACCURACY.wireName());
 * }</pre>
 *
 * @param hardware the evaluator's reference hardware (CPU model, cores, backend), for comparable speed figures
 */
public record TrialScore(
        int schemaVersion,
        String campaignId,
        String trialId,
        int attempt,
        String evaluatorId,
        Outcome outcome,
        String failureReason,
        Map<String, Double> metrics,
        String hardware,
        Instant scoredAt) implements Message {

    public enum Outcome { SCORED, FAILED }

    public TrialScore {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
