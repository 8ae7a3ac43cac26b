package io.paretune.bench.search;

import io.paretune.bench.Stats;
import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a sampler takes to propose one trial (every parameter of a 10-parameter mixed space) when a campaign
 * already has 100, 1,000 or 5,000 completed trials. The history is random points (a fixed seed) valued by a smooth
 * function of them, so a model-based sampler has real structure to fit; each timed ask gets a different campaign
 * seed. Only {@link Sampler#sample} is timed: the request is built beforehand, as the controller builds it from its
 * database.
 */
public final class AskOverhead {

    /** Three log floats, three floats, two ints (one log) and two categoricals. */
    public static final SearchSpace SPACE = SearchSpace.of(Map.of(
            "learningRate", new ParameterSpec.FloatRange(1e-5, 1e-1, true),
            "weightDecay", new ParameterSpec.FloatRange(1e-6, 1e-2, true),
            "epsilon", new ParameterSpec.FloatRange(1e-9, 1e-6, true),
            "dropout", new ParameterSpec.FloatRange(0, 0.5, false),
            "momentum", new ParameterSpec.FloatRange(0.8, 0.99, false),
            "warmupFraction", new ParameterSpec.FloatRange(0, 0.2, false),
            "units", new ParameterSpec.IntRange(16, 1024, true, 1),
            "layers", new ParameterSpec.IntRange(1, 8, false, 1),
            "activation", new ParameterSpec.Categorical(List.of("relu", "tanh", "elu", "gelu")),
            "optimizer", new ParameterSpec.Categorical(List.of("adam", "nadam", "rmsprop", "sgd"))));

    static final long HISTORY_SEED = 20240611L;
    /** Default untimed asks at each size before its timed ones. */
    static final int UNTIMED_ASKS_PER_SIZE = 3;
    private static final Map<String, Double> ACTIVATION_COST = Map.of("relu", 0.0, "tanh", 0.2, "elu", 0.1, "gelu", 0.05);
    private static final Map<String, Double> OPTIMIZER_COST = Map.of("adam", 0.0, "nadam", 0.1, "rmsprop", 0.3, "sgd", 1.0);

    private AskOverhead() {
    }

    /** The value of a history trial: a sum of squared distances from a fixed point, plus categorical costs. */
    static double value(Map<String, Object> p) {
        double lr = Math.log10(TestFunction.number(p, "learningRate")) + 3;
        double wd = Math.log10(TestFunction.number(p, "weightDecay")) + 4;
        double eps = Math.log10(TestFunction.number(p, "epsilon")) + 8;
        double dropout = TestFunction.number(p, "dropout") - 0.2;
        double momentum = TestFunction.number(p, "momentum") - 0.9;
        double warmup = TestFunction.number(p, "warmupFraction") - 0.05;
        double units = Math.log(TestFunction.number(p, "units")) / Math.log(2) - 7;
        double layers = TestFunction.number(p, "layers") - 3;
        return lr * lr + wd * wd / 4 + eps * eps / 4 + 10 * dropout * dropout + 100 * momentum * momentum
                + 100 * warmup * warmup + units * units / 4 + layers * layers / 4
                + ACTIVATION_COST.get((String) p.get("activation")) + OPTIMIZER_COST.get((String) p.get("optimizer"));
    }

    /** {@code size} completed trials at random points of {@link #SPACE}, the same for every sampler. */
    static List<FrozenTrial> history(int size) {
        RandomSampler random = new RandomSampler();
        List<FrozenTrial> trials = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            Map<String, Object> params = random.sample(new SamplingRequest(SPACE, RegretCurves.OBJECTIVES,
                    HISTORY_SEED, n, List.of(), List.of()));
            trials.add(new FrozenTrial(n, params, TrialState.COMPLETE, List.of(value(params))));
        }
        return trials;
    }

    /**
     * Times {@code asks} asks at each history size, after {@code warmupAsks} untimed asks at the smallest size (JIT)
     * and {@code untimedPerSize} untimed ones at each size. With the default few, the timed asks at 1,000 and 5,000
     * trials still run partly in the interpreter (a JFR profile of them: about half the samples), where the JIT
     * dropped code compiled for the smaller history; a few hundred measure the steady state of a long-running
     * controller instead.
     *
     * @return per size ({@code "100"}): {@code median_ms}, {@code p95_ms}, {@code mean_ms}, {@code asks}
     */
    public static Map<String, Object> measure(Sampler sampler, Map<String, Object> options, List<Integer> sizes,
                                              int asks, int warmupAsks, int untimedPerSize) {
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<FrozenTrial> all = history(largest);
        int smallest = sizes.stream().mapToInt(Integer::intValue).min().orElse(0);
        long seed = 1_000_000;
        for (int i = 0; i < warmupAsks; i++) {
            ask(sampler, options, all.subList(0, smallest), seed++);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int size : sizes) {
            List<FrozenTrial> finished = all.subList(0, size);
            for (int i = 0; i < untimedPerSize; i++) {
                ask(sampler, options, finished, seed++);
            }
            double[] millis = new double[asks];
            for (int i = 0; i < asks; i++) {
                millis[i] = ask(sampler, options, finished, i) / 1e6;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("median_ms", Stats.significant(Stats.percentile(millis, 0.5)));
            row.put("p95_ms", Stats.significant(Stats.percentile(millis, 0.95)));
            row.put("mean_ms", Stats.significant(java.util.Arrays.stream(millis).average().orElse(Double.NaN)));
            row.put("asks", asks);
            out.put(Integer.toString(size), row);
        }
        return out;
    }

    /** Nanoseconds one ask took. */
    private static long ask(Sampler sampler, Map<String, Object> options, List<FrozenTrial> finished, long seed) {
        SamplingRequest request = new SamplingRequest(SPACE, RegretCurves.OBJECTIVES, List.of(), options, seed,
                finished.size(), finished, List.of());
        long start = System.nanoTime();
        Map<String, Object> params = sampler.sample(request);
        long nanos = System.nanoTime() - start;
        if (params.size() != SPACE.parameters().size()) {
            throw new IllegalStateException("sampler proposed " + params.keySet() + " for " + SPACE.parameters().keySet());
        }
        return nanos;
    }
}
