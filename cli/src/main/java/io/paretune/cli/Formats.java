package io.paretune.cli;

import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How numbers and counts read in the terminal. Missing values print as "-". */
final class Formats {

    static final String NONE = "-";

    private Formats() {
    }

    static String accuracy(Double d) {
        return d == null ? NONE : String.format(Locale.ROOT, "%.4f", d);
    }

    static String millis(Double d) {
        return d == null ? NONE : String.format(Locale.ROOT, "%.3f", d);
    }

    static String count(Number n) {
        return n == null ? NONE : String.format(Locale.ROOT, "%,d", Math.round(n.doubleValue()));
    }

    static String seconds(Double d) {
        return d == null ? NONE : String.format(Locale.ROOT, "%.1f s", d);
    }

    /** A metric value whatever its kind: whole values and counts grouped, fractions to 4 significant places. */
    static String metric(String name, Double d) {
        if (d == null) {
            return NONE;
        }
        // Metrics travel as doubles: whole values print as integers.
        if ((d == Math.rint(d) && Math.abs(d) >= 1) || name.endsWith("_count") || name.endsWith("_bytes")
                || name.equals("epochs_trained")) {
            return count(d);
        }
        if (name.startsWith("latency_ms")) {
            return millis(d);
        }
        return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.1f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    /** A parameter value: learning rates and penalties in scientific notation, other fractions short. */
    static String param(String name, Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (name.equals("learningRate") || name.equals("l1") || name.equals("l2")) {
                return d == 0 ? "0" : String.format(Locale.ROOT, "%.1e", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }

    /** {@code 6 waiting · 2 running · 0 complete · 0 pruned · 0 failed} from trial counts by state. */
    static String trialCounts(Map<String, Long> counts) {
        return count(counts, TrialState.WAITING) + " waiting · " + count(counts, TrialState.RUNNING) + " running · "
                + count(counts, TrialState.COMPLETE) + " complete · " + count(counts, TrialState.PRUNED) + " pruned · "
                + count(counts, TrialState.FAIL) + " failed";
    }

    /** Trials in {@code state}; 0 when the counts do not name it. */
    static long count(Map<String, Long> counts, TrialState state) {
        return counts == null ? 0 : counts.getOrDefault(state.name(), 0L);
    }

    static String objective(Objective o) {
        return o.metric() + " (" + o.direction().wireName() + ")";
    }

    static String objectives(List<Objective> objectives) {
        List<String> parts = new ArrayList<>();
        objectives.forEach(o -> parts.add(objective(o)));
        return parts.isEmpty() ? NONE : String.join(", ", parts);
    }

    /** {@code name=value, ...} of parameters, in the map's order. */
    static String params(Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + param(k, v)));
        return String.join(", ", parts);
    }

    /** {@code name=value, ...} of metrics, in the map's order. */
    static String metrics(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(k + "=" + metric(k, v)));
        return String.join(", ", parts);
    }
}
