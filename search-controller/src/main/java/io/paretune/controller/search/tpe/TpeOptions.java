package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.FieldError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code strategy.options} the TPE samplers take (see {@link TpeSampler} for what each one means). The split
 * (startup trials, gamma, prior weight, endpoints) follows Optuna 3.1's defaults for both samplers; {@code tpe}
 * departs from Optuna in how it models the good group ({@link #TPE}), {@code motpe} keeps Optuna's ({@link #OPTUNA}).
 *
 * @param gamma              fraction of the observed trials that form the "below" group, capped at 25 trials
 * @param improvementWeights weigh each good trial by how far it beats the best of the rest, rather than equally
 * @param bandwidthFactor    the multivariate estimator's bandwidth, a fraction of the range before Scott's
 *                           n^(−1/(d+4)); Optuna's is 0.2
 * @param magicClipExponent  the multivariate estimator's smallest bandwidth is range / min(100, (1 + kernels)^this);
 *                           Optuna's is 1
 * @param optunaShare        fraction of the trials after the startup ones proposed with Optuna's own choices
 *                           (univariate, equal weights), drawn per trial from the campaign's seed
 * @param annealTrials       0, or the trial count by which the joint estimator's width and floor have gone from
 *                           Optuna's (0.2, exponent 1) at the end of the startup trials to {@code bandwidthFactor} and
 *                           {@code magicClipExponent}, geometrically in the factor and linearly in the exponent
 */
record TpeOptions(int nStartupTrials, int nEiCandidates, boolean multivariate, boolean constantLiar,
                  double priorWeight, boolean considerEndpoints, double gamma, boolean improvementWeights,
                  double bandwidthFactor, double magicClipExponent, double optunaShare, int annealTrials) {

    static final String N_STARTUP_TRIALS = "nStartupTrials";
    static final String N_EI_CANDIDATES = "nEiCandidates";
    static final String MULTIVARIATE = "multivariate";
    static final String CONSTANT_LIAR = "constantLiar";
    static final String PRIOR_WEIGHT = "priorWeight";
    static final String CONSIDER_ENDPOINTS = "considerEndpoints";
    static final String GAMMA = "gamma";
    static final String GOOD_WEIGHTS = "goodWeights";
    static final String BANDWIDTH_FACTOR = "bandwidthFactor";
    static final String MAGIC_CLIP_EXPONENT = "magicClipExponent";
    static final String OPTUNA_SHARE = "optunaShare";
    static final String ANNEAL_TRIALS = "annealTrials";
    /** Values of {@link #GOOD_WEIGHTS}. */
    static final String IMPROVEMENT = "improvement";
    static final String EQUAL = "equal";
    static final Set<String> NAMES = new TreeSet<>(List.of(N_STARTUP_TRIALS, N_EI_CANDIDATES, MULTIVARIATE,
            CONSTANT_LIAR, PRIOR_WEIGHT, CONSIDER_ENDPOINTS, GAMMA, GOOD_WEIGHTS, BANDWIDTH_FACTOR, MAGIC_CLIP_EXPONENT,
            OPTUNA_SHARE, ANNEAL_TRIALS));

    /**
     * Optuna 3.1's {@code TPESampler} defaults (with the constant liar on, which Optuna leaves off): what
     * {@code motpe} uses, and what {@code tpe} becomes with {@code multivariate: false, goodWeights: "equal"}.
     */
    static final TpeOptions OPTUNA = new TpeOptions(10, 24, false, true, 1.0, false, 0.1, false, 0.2, 1, 0, 0);
    /**
     * {@code tpe}'s defaults: Optuna's split, and the good group modelled as Watanabe (2023, "Tree-structured Parzen
     * estimator: understanding its algorithm components") recommends: one joint estimator over all parameters, good
     * trials weighted by their improvement, and kernels that start as wide as Optuna's and narrow to a third of its
     * Scott bandwidth (clipped by range / (1 + kernels)² down to Optuna's floor of 1 % of the range) by trial 200;
     * a quarter of the trials are proposed as Optuna's TPE would. Narrow kernels from the start won on the four
     * smooth functions they were chosen on and lost to Optuna on rugged ones (Rastrigin-like, in 5 and 10
     * dimensions); the annealing and the Optuna share were chosen on the tuning half of the search benchmark's suite
     * and judged on the held-out half (README, "Search quality").
     */
    static final TpeOptions TPE = new TpeOptions(10, 24, true, true, 1.0, false, 0.1, true, 0.07, 2, 0.25, 200);

    /** These options with Optuna's choices for how the good group is modelled: what an {@link #optunaShare} trial uses. */
    TpeOptions asOptuna() {
        return new TpeOptions(nStartupTrials, nEiCandidates, false, constantLiar, priorWeight, considerEndpoints, gamma,
                false, OPTUNA.bandwidthFactor, OPTUNA.magicClipExponent, 0, 0);
    }

    /** The joint estimator's bandwidth factor after {@code observed} trials ({@link #annealTrials}). */
    double bandwidthFactorAt(int observed) {
        double t = annealProgress(observed);
        return OPTUNA.bandwidthFactor * Math.pow(bandwidthFactor / OPTUNA.bandwidthFactor, t);
    }

    /** The joint estimator's clip exponent after {@code observed} trials ({@link #annealTrials}). */
    double magicClipExponentAt(int observed) {
        double t = annealProgress(observed);
        return OPTUNA.magicClipExponent + t * (magicClipExponent - OPTUNA.magicClipExponent);
    }

    private double annealProgress(int observed) {
        if (annealTrials <= nStartupTrials) {
            return 1;
        }
        return Math.max(0, Math.min(1, (observed - nStartupTrials) / (double) (annealTrials - nStartupTrials)));
    }

    /** Most trials a below group holds, whatever gamma says (Optuna's cap of 25). */
    static final int MAX_BELOW = 25;
    /** Beyond these the sampler would only get slower, not better; they also keep arithmetic in int range. */
    static final int MAX_STARTUP_TRIALS = 1_000_000;
    static final int MAX_EI_CANDIDATES = 10_000;

    /** The options of a campaign, {@code d}'s filled in where missing; assumes {@link #check} found nothing wrong. */
    static TpeOptions of(Map<String, Object> options, TpeOptions d) {
        return new TpeOptions(
                intOr(options.get(N_STARTUP_TRIALS), d.nStartupTrials),
                intOr(options.get(N_EI_CANDIDATES), d.nEiCandidates),
                boolOr(options.get(MULTIVARIATE), d.multivariate),
                boolOr(options.get(CONSTANT_LIAR), d.constantLiar),
                doubleOr(options.get(PRIOR_WEIGHT), d.priorWeight),
                boolOr(options.get(CONSIDER_ENDPOINTS), d.considerEndpoints),
                doubleOr(options.get(GAMMA), d.gamma),
                options.containsKey(GOOD_WEIGHTS) ? IMPROVEMENT.equals(options.get(GOOD_WEIGHTS)) : d.improvementWeights,
                doubleOr(options.get(BANDWIDTH_FACTOR), d.bandwidthFactor),
                doubleOr(options.get(MAGIC_CLIP_EXPONENT), d.magicClipExponent),
                doubleOr(options.get(OPTUNA_SHARE), d.optunaShare),
                intOr(options.get(ANNEAL_TRIALS), d.annealTrials));
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
                case GOOD_WEIGHTS -> MotpeSampler.NAME.equals(sampler)
                        ? "not an option of motpe, which weighs good trials by their hypervolume contribution"
                        : IMPROVEMENT.equals(value) || EQUAL.equals(value) ? null : "must be \"" + IMPROVEMENT + "\" or \"" + EQUAL + "\"";
                case BANDWIDTH_FACTOR -> value instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 1
                        ? null : "must be a number in (0, 1]: the kernel width as a fraction of the range";
                case MAGIC_CLIP_EXPONENT -> value instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= 10
                        ? null : "must be a number in [1, 10]";
                case OPTUNA_SHARE -> value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1
                        ? null : "must be a number in [0, 1]: the fraction of trials proposed as Optuna's TPE would";
                case ANNEAL_TRIALS -> integerProblem(value, 0, MAX_STARTUP_TRIALS);
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
