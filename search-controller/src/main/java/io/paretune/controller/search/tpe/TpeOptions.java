package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.FieldError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code strategy.options} the TPE samplers take, with Optuna 3.1's defaults (see {@link TpeSampler} for what
 * each one means).
 *
 * @param gamma fraction of the observed trials that form the "below" group, capped at 25 trials; null: Optuna's
 *              {@code default_gamma}, which is the fraction 0.1
 */
record TpeOptions(int nStartupTrials, int nEiCandidates, boolean multivariate, boolean constantLiar,
                  double priorWeight, boolean considerEndpoints, double gamma) {

    static final String N_STARTUP_TRIALS = "nStartupTrials";
    static final String N_EI_CANDIDATES = "nEiCandidates";
    static final String MULTIVARIATE = "multivariate";
    static final String CONSTANT_LIAR = "constantLiar";
    static final String PRIOR_WEIGHT = "priorWeight";
    static final String CONSIDER_ENDPOINTS = "considerEndpoints";
    static final String GAMMA = "gamma";
    static final Set<String> NAMES = new TreeSet<>(List.of(N_STARTUP_TRIALS, N_EI_CANDIDATES, MULTIVARIATE,
            CONSTANT_LIAR, PRIOR_WEIGHT, CONSIDER_ENDPOINTS, GAMMA));

    static final TpeOptions DEFAULTS = new TpeOptions(10, 24, false, true, 1.0, false, 0.1);

    /** Most trials a below group holds, whatever gamma says (Optuna's cap of 25). */
    static final int MAX_BELOW = 25;
    /** Beyond these the sampler would only get slower, not better; they also keep arithmetic in int range. */
    static final int MAX_STARTUP_TRIALS = 1_000_000;
    static final int MAX_EI_CANDIDATES = 10_000;

    /** The options of a campaign, defaults filled in; assumes {@link #check} found nothing wrong. */
    static TpeOptions of(Map<String, Object> options) {
        TpeOptions d = DEFAULTS;
        return new TpeOptions(
                intOr(options.get(N_STARTUP_TRIALS), d.nStartupTrials),
                intOr(options.get(N_EI_CANDIDATES), d.nEiCandidates),
                boolOr(options.get(MULTIVARIATE), d.multivariate),
                boolOr(options.get(CONSTANT_LIAR), d.constantLiar),
                doubleOr(options.get(PRIOR_WEIGHT), d.priorWeight),
                boolOr(options.get(CONSIDER_ENDPOINTS), d.considerEndpoints),
                doubleOr(options.get(GAMMA), d.gamma));
    }

    /** What is wrong with {@code options}, each error naming {@code strategy.options.<key>}. */
    static List<FieldError> check(Map<String, Object> options, String sampler) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : new TreeSet<>(options.keySet())) {
            Object value = options.get(key);
            String field = "strategy.options." + key;
            String problem = switch (key) {
                case N_STARTUP_TRIALS -> integerProblem(value, 0, MAX_STARTUP_TRIALS);
                case N_EI_CANDIDATES -> integerProblem(value, 1, MAX_EI_CANDIDATES);
                case MULTIVARIATE, CONSTANT_LIAR, CONSIDER_ENDPOINTS ->
                        value instanceof Boolean ? null : "must be true or false";
                case PRIOR_WEIGHT -> value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() > 0
                        ? null : "must be a number > 0";
                case GAMMA -> value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1
                        ? null : "must be a number in (0, 1]: the fraction of trials that form the good group";
                default -> "unknown option; the " + sampler + " sampler takes " + String.join(", ", NAMES);
            };
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            }
        }
        return errors;
    }

    /**
     * How many of {@code n} observed trials form the below group: Optuna's {@code default_gamma},
     * {@code min(ceil(0.1 n), 25)}, with 0.1 replaced by the {@code gamma} option when given.
     */
    int nBelow(int n) {
        // Plain IEEE arithmetic, as numpy's, so every n gives Optuna's count.
        return (int) Math.min(Math.ceil(gamma * n), MAX_BELOW);
    }

    /**
     * Optuna's {@code default_weights}: 1 for each of up to 25 observations; beyond that the older ones (first in
     * chronological order) ramp linearly from 1/n up to 1, and the newest 25 weigh 1.
     */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < MAX_BELOW) {
            Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - MAX_BELOW;
        double start = 1.0 / n;
        for (int i = 0; i < ramp; i++) {
            // numpy's linspace(1/n, 1, ramp): both ends included.
            w[i] = ramp == 1 ? start : start + (1.0 - start) * i / (ramp - 1);
        }
        Arrays.fill(w, ramp, n, 1.0);
        return w;
    }

    private static String integerProblem(Object value, long min, long max) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            return "must be an integer";
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            return "must be between " + min + " and " + max;
        }
        return null;
    }

    private static int intOr(Object value, int otherwise) {
        return value instanceof Number n ? (int) n.longValue() : otherwise;
    }

    private static boolean boolOr(Object value, boolean otherwise) {
        return value instanceof Boolean b ? b : otherwise;
    }

    private static double doubleOr(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }
}
