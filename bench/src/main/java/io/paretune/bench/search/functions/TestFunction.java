package io.paretune.bench.search.functions;

import io.paretune.contract.search.SearchSpace;

import java.util.Map;

/**
 * A function to minimize with a known minimum, for measuring how fast a sampler finds it (regret = best value found
 * so far minus {@link #optimum()}). {@code bench/optuna_search.py} defines the same functions over the same domains
 * for Optuna; {@link #evaluate} at the domain's corners and at {@link #argmin()} is compared between the two.
 *
 * <pre>{@code
 * TestFunction f = TestFunctions.byName("branin");
 * double regret = f.evaluate(params) - f.optimum();
 * }</pre>
 */
public interface TestFunction {

    /** The name {@code --functions} selects it by. */
    String name();

    /** The domain, as a campaign's search space. */
    SearchSpace space();

    /** The global minimum's value. */
    double optimum();

    /** A point where {@link #optimum()} is reached (one of them, when there are several). */
    Map<String, Object> argmin();

    /** The value at {@code params} (one value per parameter of {@link #space()}, normalized). */
    double evaluate(Map<String, Object> params);

    /** One line for the benchmark's JSON: the formula, the domain and the minimum. */
    String description();

    /**
     * Standard deviation of the Gaussian noise a sampler sees added to {@link #evaluate} (0: none). Regret is still
     * measured on the noise-free value, of the trial the sampler believes best (see {@code RegretCurves}).
     */
    default double noiseSd() {
        return 0;
    }

    /** The name of the {@code i}-th coordinate (1-based) of a function of floats: zero-padded, so sorted order is index order. */
    static String coordinate(int i) {
        return String.format("x%02d", i);
    }

    /** A float parameter's value. */
    static double number(Map<String, Object> params, String name) {
        Object value = params.get(name);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing or not a number: " + value);
        }
        return n.doubleValue();
    }
}
