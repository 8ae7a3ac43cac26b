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
 * @param hardware         the evaluator's reference hardware (CPU model, cores, backend), for comparable speed figures
 * @param computePrecision the precision inference actually ran in ({@code fp32} when int8 or fp16 weights were
 *                         dequantized because the backend has no such kernel); null when not scored
 * @param artifactSha256   SHA-256 (hex) of the artifact file that was scored; null when not scored
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
        Instant scoredAt,
        String computePrecision,
        String artifactSha256) implements Message {

    public enum Outcome { SCORED, FAILED }

    /** A score without artifact facts: a failure, or a message written before they were reported. */
    public TrialScore(int schemaVersion, String campaignId, String trialId, int attempt, String evaluatorId,
                      Outcome outcome, String failureReason, Map<String, Double> metrics, String hardware,
                      Instant scoredAt) {
        this(schemaVersion, campaignId, trialId, attempt, evaluatorId, outcome, failureReason, metrics, hardware,
                scoredAt, null, null);
    }

    public TrialScore {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
