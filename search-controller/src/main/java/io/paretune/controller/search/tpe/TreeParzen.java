package io.paretune.controller.search.tpe;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One TPE proposal, shared by {@link TpeSampler} and {@link MotpeSampler}: split the history into below and above
 * ({@link Observations}), fit l(x) to the below trials and g(x) to the rest, draw candidates from l and keep the one
 * with the largest l(x)/g(x).
 */
final class TreeParzen {

    /** Seed stream of the TPE draws; the startup trials use the random sampler's own stream. */
    static final long STREAM = 0x7E5A_3C1D_9B2F_4A61L;
    private static final long JOINT = 0x3F84_D5B5_B547_0917L;
    private static final long REDRAW = 0x5B1E_8C07_D2A9_36F3L;
    /** Proposals drawn again from the model when one equals a pending trial, before falling back to random points. */
    private static final int TPE_REDRAWS = 3;
    private static final int RANDOM_REDRAWS = 32;
    private static final RandomSampler RANDOM = new RandomSampler();

    private TreeParzen() {
    }

    static Map<String, Object> sample(SamplingRequest request, TpeOptions options) {
        Observations observations = Observations.of(request, options);
        SearchSpace space = request.searchSpace();
        long seed = Seeds.derive(request.seed(), STREAM, request.trialNumber());
        History history = null;
        Map<String, Object> params;
        if (observations.observed < options.nStartupTrials()) {
            params = RANDOM.sample(request);
        } else {
            history = History.of(observations, space);
            params = propose(space, history, options, seed);
        }
        if (!options.constantLiar() || !pending(params, request)) {
            return params;
        }
        // The liar makes a pending point unattractive, not impossible: in a small discrete space l(x)/g(x) can still
        // peak on it, and a second worker would train the same model. Draw again, then at random, until it differs.
        for (int attempt = 1; attempt <= TPE_REDRAWS && history != null; attempt++) {
            params = propose(space, history, options, Seeds.derive(seed, REDRAW, attempt));
            if (!pending(params, request)) {
                return params;
            }
        }
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, REDRAW, 0));
        for (int attempt = 0; attempt < RANDOM_REDRAWS; attempt++) {
            params = RandomSampler.draw(space, random);
            if (!pending(params, request)) {
                return params;
            }
        }
        return params; // every point tried is pending: the space is (nearly) exhausted
    }

    private static Map<String, Object> propose(SearchSpace space, History history, TpeOptions options, long seed) {
        Map<String, Object> joint = options.multivariate() ? sampleJoint(space, history, options, seed) : Map.of();
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : space.samplingOrder()) {
            if (!space.isActive(name, params)) {
                continue;
            }
            Object value = joint.get(name);
            if (value == null) {
                int k = history.indexOf(name);
                value = k < 0 ? Dimension.onlyValue(space.parameters().get(name))
                        : sampleOne(history, k, options, new SplittableRandom(Seeds.derive(seed, hash(name), 0)));
            }
            params.put(name, value);
        }
        return params;
    }

    private static boolean pending(Map<String, Object> params, SamplingRequest request) {
        for (FrozenTrial t : request.pending()) {
            if (t.number() != request.trialNumber() && t.params().equals(params)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The observations with every dimension's values pulled out of the trials once, trial by trial: each trial's
     * parameter map is then read while it is in cache, which for thousands of trials is most of the cost of a call.
     */
    private static final class History {
        final Observations observations;
        final Dimension[] dims;
        /** [dimension][trial]: value in the dimension's space, NaN where absent. */
        final double[][] values;
        private final Map<String, Integer> index = new HashMap<>();
        private double[] weights = new double[0];

        static History of(Observations observations, SearchSpace space) {
            List<Dimension> list = new ArrayList<>();
            for (String name : space.samplingOrder()) {
                Dimension dim = Dimension.of(name, space.parameters().get(name));
                if (dim != null) {
                    list.add(dim);
                }
            }
            return new History(observations, list.toArray(Dimension[]::new));
        }

        History(Observations observations, Dimension[] dims) {
            this.observations = observations;
            this.dims = dims;
            FrozenTrial[] trials = observations.trials;
            int n = trials.length;
            values = new double[dims.length][n];
            for (int i = 0; i < n; i++) {
                Map<String, Object> params = trials[i].params();
                for (int k = 0; k < dims.length; k++) {
                    values[k][i] = dims[k].internal(params.get(dims[k].name));
                }
            }
            for (int k = 0; k < dims.length; k++) {
                index.put(dims[k].name, k);
            }
        }

        int indexOf(String name) {
            Integer k = index.get(name);
            return k == null ? -1 : k;
        }

        /** {@link TpeOptions#defaultWeights} of {@code count}, kept for the next dimension, which usually has as many. */
        double[] defaultWeights(int count) {
            if (weights.length != count) {
                weights = TpeOptions.defaultWeights(count);
            }
            return weights;
        }
    }

    /** Univariate TPE of one parameter, fitted to the trials where it is present (so conditions take care of themselves). */
    private static Object sampleOne(History history, int k, TpeOptions options, SplittableRandom random) {
        Observations obs = history.observations;
        Dimension dim = history.dims[k];
        double[] column = history.values[k];
        int n = column.length;
        int nb = 0;
        int na = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(column[i])) {
                nb += obs.below[i] ? 1 : 0;
                na += obs.below[i] ? 0 : 1;
            }
        }
        // One spare place each, where the estimators put their prior kernel.
        double[] belowValues = new double[nb + 1];
        double[] belowWeights = new double[nb];
        double[] aboveValues = new double[na + 1];
        nb = 0;
        na = 0;
        for (int i = 0; i < n; i++) {
            double v = column[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (obs.below[i]) {
                belowWeights[nb] = obs.belowWeight == null ? 1 : obs.belowWeight[i];
                belowValues[nb++] = v;
            } else {
                aboveValues[na++] = v;
            }
        }
        if (obs.belowWeight == null) {
            belowWeights = TpeOptions.defaultWeights(nb);
        }
        double[] aboveWeights = history.defaultWeights(na);
        int candidates = options.nEiCandidates();
        if (dim.categorical()) {
            int choices = dim.choices.size();
            CategoricalParzen l = CategoricalParzen.fit(choices, indices(belowValues, nb), belowWeights, nb, options.priorWeight());
            CategoricalParzen g = CategoricalParzen.fit(choices, indices(aboveValues, na), aboveWeights, na, options.priorWeight());
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates; c++) {
                int x = l.sample(random);
                double score = l.logPdf(x) - g.logPdf(x);
                if (best < 0 || score > bestScore) {
                    best = x;
                    bestScore = score;
                }
            }
            return dim.value(best);
        }
        NumericDomain domain = dim.numeric;
        NumericParzen l = NumericParzen.fit(domain, belowValues, belowWeights, nb, options.priorWeight(), options.considerEndpoints());
        NumericParzen g = NumericParzen.fit(domain, aboveValues, aboveWeights, na, options.priorWeight(), options.considerEndpoints());
        // Integer candidates repeat often; a repeated one has the same score, so it is scored once. Only the first
        // few distinct values are remembered, which bounds the search for repeats when candidates are many.
        double[] seen = new double[Math.min(candidates, 64)];
        int distinct = 0;
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double x = domain.snap(l.sample(random));
            boolean repeated = false;
            for (int s = 0; s < distinct && !repeated; s++) {
                repeated = seen[s] == x;
            }
            if (repeated) {
                continue;
            }
            if (distinct < seen.length) {
                seen[distinct++] = x;
            }
            double score = l.logPdf(x) - g.logPdf(x);
            if (Double.isNaN(best) || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return dim.value(best);
    }

    private static int[] indices(double[] values, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    /**
     * Multivariate TPE over the unconditional parameters (as Optuna's {@code multivariate=True} over the search space
     * every trial shares), fitted to the trials that have a value for each of them; conditional parameters are then
     * sampled one by one.
     */
    private static Map<String, Object> sampleJoint(SearchSpace space, History history, TpeOptions options, long seed) {
        List<Integer> members = new ArrayList<>();
        for (int k = 0; k < history.dims.length; k++) {
            if (space.parameters().get(history.dims[k].name).when() == null) {
                members.add(k);
            }
        }
        if (members.isEmpty()) {
            return Map.of();
        }
        int d = members.size();
        Dimension[] dims = new Dimension[d];
        double[][] columns = new double[d][];
        for (int m = 0; m < d; m++) {
            dims[m] = history.dims[members.get(m)];
            columns[m] = history.values[members.get(m)];
        }
        Observations obs = history.observations;
        int n = obs.trials.length;
        double[][] below = new double[d][n];
        double[][] above = new double[d][n];
        double[] belowWeights = new double[n];
        int nb = 0;
        int na = 0;
        for (int i = 0; i < n; i++) {
            boolean complete = true;
            for (int m = 0; m < d && complete; m++) {
                complete = !Double.isNaN(columns[m][i]);
            }
            if (!complete) {
                continue;
            }
            if (obs.below[i]) {
                for (int m = 0; m < d; m++) {
                    below[m][nb] = columns[m][i];
                }
                belowWeights[nb++] = obs.belowWeight == null ? 1 : obs.belowWeight[i];
            } else {
                for (int m = 0; m < d; m++) {
                    above[m][na] = columns[m][i];
                }
                na++;
            }
        }
        if (obs.belowWeight == null) {
            belowWeights = TpeOptions.defaultWeights(nb);
        }
        double factor = options.bandwidthFactorAt(obs.observed);
        double clip = options.magicClipExponentAt(obs.observed);
        JointParzen l = JointParzen.fit(dims, below, belowWeights, nb, options.priorWeight(), factor, clip);
        JointParzen g = JointParzen.fit(dims, above, TpeOptions.defaultWeights(na), na, options.priorWeight(), factor, clip);
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, JOINT, 0));
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < options.nEiCandidates(); c++) {
            double[] x = l.sample(random);
            double score = l.logPdf(x) - g.logPdf(x);
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (int m = 0; m < d; m++) {
            values.put(dims[m].name, dims[m].value(best[m]));
        }
        return values;
    }

    /** FNV-1a of a parameter name: each parameter its own seed stream, so one never shifts another's draws. */
    static long hash(String name) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x0100_0000_01B3L;
        }
        return h;
    }
}
