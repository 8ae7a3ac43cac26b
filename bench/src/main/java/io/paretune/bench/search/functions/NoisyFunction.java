package io.paretune.bench.search.functions;

import io.paretune.contract.search.SearchSpace;

import java.util.Map;

/**
 * A test function whose observations carry additive Gaussian noise, as a validation accuracy does: the sampler is
 * told {@code f(x) + N(0, sd²)}, the benchmark scores the noise-free {@code f} of the trial with the best observed
 * value. {@code sd} is fixed per function (a few percent of the regret a random point has), so that the noise is of
 * the size of the differences a good sampler still has to resolve.
 */
public final class NoisyFunction implements TestFunction {

    /** Prefix of a noisy variant's name: {@code noisy-rastrigin-d5}. */
    public static final String PREFIX = "noisy-";

    private final TestFunction base;
    private final double sd;

    public NoisyFunction(TestFunction base, double sd) {
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("noise sd must be a positive number, got " + sd);
        }
        this.base = base;
        this.sd = sd;
    }

    @Override
    public String name() {
        return PREFIX + base.name();
    }

    @Override
    public SearchSpace space() {
        return base.space();
    }

    @Override
    public double optimum() {
        return base.optimum();
    }

    @Override
    public Map<String, Object> argmin() {
        return base.argmin();
    }

    /** The noise-free value (what the regret and the cross-language probes use). */
    @Override
    public double evaluate(Map<String, Object> params) {
        return base.evaluate(params);
    }

    @Override
    public double noiseSd() {
        return sd;
    }

    @Override
    public String description() {
        return base.description() + "; observed with additive Gaussian noise, sd " + sd;
    }
}
