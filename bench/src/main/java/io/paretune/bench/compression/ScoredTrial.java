package io.paretune.bench.compression;

import io.paretune.contract.api.TrialView;
import io.paretune.contract.search.CompressionParameters;
import io.paretune.contract.trial.TrialState;

import java.util.List;
import java.util.Map;

/**
 * A COMPLETE trial with the evaluator's metrics, as the goals read it: its compression settings (defaults where its
 * parameters leave them out) and the figures of the model as shipped.
 */
record ScoredTrial(int number, String id, Map<String, Object> params, Map<String, Double> metrics) {

    /** The trials of {@code trials} that completed with metrics, in trial order. */
    static List<ScoredTrial> of(List<TrialView> trials) {
        return trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.metrics() != null && !t.metrics().isEmpty())
                .map(t -> new ScoredTrial(t.number(), t.id(), t.params() == null ? Map.of() : t.params(), t.metrics()))
                .sorted(java.util.Comparator.comparingInt(ScoredTrial::number))
                .toList();
    }

    String pruning() {
        return String.valueOf(params.getOrDefault(CompressionParameters.PRUNING, "none"));
    }

    String precision() {
        return String.valueOf(params.getOrDefault(CompressionParameters.PRECISION, "fp32"));
    }

    boolean dense() {
        return pruning().equals("none");
    }

    /** The requested sparsity; null for dense trials. */
    Double targetSparsity() {
        return dense() || !(params.get(CompressionParameters.TARGET_SPARSITY) instanceof Number n) ? null
                : n.doubleValue();
    }

    /** A metric, or NaN when the evaluator did not report it. */
    double metric(String name) {
        Double value = metrics.get(name);
        return value == null ? Double.NaN : value;
    }

    double testAccuracy() {
        return metric("test_accuracy");
    }
}
