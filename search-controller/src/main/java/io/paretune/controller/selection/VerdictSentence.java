package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.campaign.Objective;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The verdict's one sentence: the chosen trial against the best on the primary objective, in the figures both
 * trials have. "Trial 14: 0.4 points below the most accurate (trial 9), 11x fewer non-zero weights, 3.2x faster at
 * batch 1"; when the chosen trial is that best one, its own figures: "Trial 9 is also the most accurate;
 * val_accuracy 0.8655, 373,803 parameters, 1.5 MB, 0.342 ms at batch 1". Accuracies (a maximized metric named
 * accuracy, within [0, 1]) differ in points (x100); weights, size, MACs, latency and throughput as ratios; any other
 * objective as both values.
 */
final class VerdictSentence {

    private static final String WEIGHTS = Metric.NONZERO_PARAMS.wireName();
    private static final String PARAMS = Metric.PARAM_COUNT.wireName();
    private static final String SIZE = Metric.MODEL_SIZE_BYTES.wireName();
    private static final String MACS = Metric.MACS.wireName();
    private static final String LATENCY = Metric.LATENCY_MS_P50.wireName();
    private static final String THROUGHPUT = Metric.THROUGHPUT_PER_S.wireName();
    /** Metrics the sentence words itself; other objectives show as "name value". */
    private static final Set<String> WORDED = Set.of(WEIGHTS, PARAMS, SIZE, MACS, LATENCY, THROUGHPUT);

    private VerdictSentence() {
    }

    /**
     * @param reference     the best trial on the primary objective ({@link TradeOffs#bestOnPrimary()})
     * @param primaryRule   whether the primary rule chose (then the chosen trial is the reference, not "also" it)
     * @param amongFeasible whether the reference is the best of the trials that meet the campaign's constraints
     */
    static String of(Scored chosen, Scored reference, CampaignSpec spec, boolean primaryRule, boolean amongFeasible) {
        Objective primary = spec.primaryObjective();
        boolean accuracy = isAccuracy(primary, chosen.primary(), reference.primary());
        String feasible = amongFeasible ? " feasible trial" : "";
        String best = accuracy ? "the most accurate" + feasible
                : "the best" + (amongFeasible ? feasible : "") + " by " + primary.metric();
        StringBuilder s = new StringBuilder("Trial ").append(chosen.number());
        List<String> parts = new ArrayList<>();
        if (chosen.number() == reference.number()) {
            s.append(primaryRule ? " is " : " is also ").append(best).append("; ");
            parts.add(primary.metric() + " " + number(chosen.primary()));
            parts.addAll(facts(chosen.contender(), spec));
        } else {
            s.append(": ");
            parts.add(primaryAgainst(primary, accuracy, chosen, reference, best));
            parts.addAll(comparisons(chosen.contender(), reference.contender(), spec));
        }
        s.append(String.join(", ", parts));
        if (!chosen.isFeasible()) {
            s.append("; it misses the constraints, as every trial does");
        }
        return s.toString();
    }

    /** An accuracy: maximized, named so, and both values in [0, 1], so that a difference reads in points. */
    static boolean isAccuracy(Objective primary, double a, double b) {
        return primary.direction() == Direction.MAXIMIZE && primary.metric().toLowerCase(Locale.ROOT).contains("accuracy")
                && a >= 0 && a <= 1 && b >= 0 && b <= 1;
    }

    private static String primaryAgainst(Objective primary, boolean accuracy, Scored chosen, Scored reference,
                                         String best) {
        String against = best + " (trial " + reference.number() + ")";
        if (!accuracy) {
            return primary.metric() + " " + number(chosen.primary()) + " against " + number(reference.primary())
                    + " for " + against;
        }
        double points = (reference.primary() - chosen.primary()) * 100;
        String amount = String.format(Locale.ROOT, Math.abs(points) >= 0.1 ? "%.1f" : "%.2f", Math.abs(points));
        if (amount.equals("0.00")) {
            return "level with " + against;
        }
        return amount + " points " + (points > 0 ? "below " : "above ") + against;
    }

    /** The chosen trial against the reference, in each worded metric both have. */
    private static List<String> comparisons(Contender chosen, Contender reference, CampaignSpec spec) {
        List<String> parts = new ArrayList<>();
        String weights = chosen.metric(WEIGHTS) != null && reference.metric(WEIGHTS) != null ? WEIGHTS : PARAMS;
        ratio(reference, chosen, weights, "fewer", "more", "about as many",
                weights.equals(WEIGHTS) ? "non-zero weights" : "parameters", parts);
        ratio(reference, chosen, SIZE, "smaller", "larger", "about as large", "", parts);
        ratio(reference, chosen, MACS, "fewer", "more", "about as many", "MACs", parts);
        ratio(reference, chosen, LATENCY, "faster", "slower", "about as fast", "at batch 1", parts);
        ratio(chosen, reference, THROUGHPUT, "higher", "lower", "about the same", "throughput at batch 256", parts);
        for (Objective o : spec.objectives().subList(1, spec.objectives().size())) {
            Double c = chosen.metric(o.metric());
            Double r = reference.metric(o.metric());
            if (!WORDED.contains(o.metric()) && c != null && r != null) {
                parts.add(o.metric() + " " + number(c) + " against " + number(r));
            }
        }
        return parts;
    }

    /**
     * "3.2x faster at batch 1": {@code numerator / denominator} of the metric, worded by whether it is above 1, below
     * it or rounds to it; nothing when either trial lacks a positive value.
     */
    private static void ratio(Contender numerator, Contender denominator, String metric, String above, String below,
                              String about, String what, List<String> parts) {
        Double n = numerator.metric(metric);
        Double d = denominator.metric(metric);
        if (n == null || d == null || n <= 0 || d <= 0) {
            return;
        }
        double r = n / d;
        String times = times(r >= 1 ? r : 1 / r);
        String suffix = what.isEmpty() ? "" : " " + what;
        parts.add(times.equals("1.0") ? about + suffix : times + "x " + (r >= 1 ? above : below) + suffix);
    }

    /** The chosen trial's own figures, when it is the reference itself. */
    private static List<String> facts(Contender chosen, CampaignSpec spec) {
        List<String> parts = new ArrayList<>();
        Double weights = chosen.metric(WEIGHTS);
        Double params = chosen.metric(PARAMS);
        if (weights != null) {
            parts.add(count(weights) + " non-zero weights");
        } else if (params != null) {
            parts.add(count(params) + " parameters");
        }
        if (chosen.metric(SIZE) != null) {
            parts.add(bytes(chosen.metric(SIZE)));
        }
        if (chosen.metric(MACS) != null) {
            parts.add(count(chosen.metric(MACS)) + " MACs");
        }
        if (chosen.metric(LATENCY) != null) {
            parts.add(number(chosen.metric(LATENCY)) + " ms at batch 1");
        }
        if (chosen.metric(THROUGHPUT) != null) {
            parts.add(count(chosen.metric(THROUGHPUT)) + " per second at batch 256");
        }
        for (Objective o : spec.objectives().subList(1, spec.objectives().size())) {
            if (!WORDED.contains(o.metric()) && chosen.metric(o.metric()) != null) {
                parts.add(o.metric() + " " + number(chosen.metric(o.metric())));
            }
        }
        return parts;
    }

    /** A ratio: one decimal below 10 ("3.2"), none above ("11"). */
    static String times(double r) {
        return String.format(Locale.ROOT, r >= 9.95 ? "%.0f" : "%.1f", r);
    }

    /** Four significant digits below 1,000 ("0.8655", "0.342", "12.5"); grouped integers above ("12,346"). */
    static String number(double v) {
        if (Math.abs(v) >= 1000) {
            return count(v);
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String bytes(double b) {
        if (b >= 1e6) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        }
        if (b >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        }
        return count(b) + " bytes";
    }
}
