package io.paretune.controller.search;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent uniform sampling ({@code "random"}): floats uniform in [low, high), or log-uniform when {@code log};
 * integers uniform over low, low+step, ... ≤ high, or log-uniform; categorical choices with equal probability.
 * Trial {@code n} of a campaign draws from its own stream seeded by (campaign seed, n) and walks the parameters in
 * the search space's sampling order, so it always gets the same values, whatever came before. Conditional
 * parameters are left out when their condition does not hold.
 */
public class RandomSampler implements Sampler {

    public static final String NAME = "random";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        return draw(request.searchSpace(),
                new SplittableRandom(Seeds.derive(request.seed(), Seeds.SAMPLING, request.trialNumber())));
    }

    /** One point of {@code space} drawn as this sampler draws it: the active parameters, parents first. */
    public static Map<String, Object> draw(SearchSpace space, SplittableRandom random) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : space.samplingOrder()) {
            // Every parameter consumes its draw, active or not, so a condition never shifts the others' values.
            Object value = draw(space.parameters().get(name), random);
            if (space.isActive(name, params)) {
                params.put(name, value);
            }
        }
        return params;
    }

    /** One value of {@code spec} drawn as this sampler draws it (other samplers' random steps use it too). */
    public static Object draw(ParameterSpec spec, SplittableRandom random) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return drawFloat(r, random);
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return drawInt(r, random);
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            return c.choices().get(random.nextInt(c.choices().size()));
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            return f.value();
        }
        throw new IllegalArgumentException("unsupported parameter " + spec);
    }

    private static Double drawFloat(ParameterSpec.FloatRange r, SplittableRandom random) {
        if (r.low() == r.high()) {
            return r.low();
        }
        double value;
        if (r.log()) {
            double lo = Math.log(r.low());
            double hi = Math.log(r.high());
            value = Math.exp(lo + random.nextDouble() * (hi - lo));
        } else {
            value = r.low() + random.nextDouble() * (r.high() - r.low());
        }
        // exp(log(x)) and low + u * (high - low) may land a rounding error outside the range.
        return Math.min(r.high(), Math.max(r.low(), value));
    }

    private static Long drawInt(ParameterSpec.IntRange r, SplittableRandom random) {
        if (!r.log()) {
            return r.low() + random.nextLong(r.size()) * r.step();
        }
        // As Optuna: uniform in log space over [low - 0.5, high + 0.5), rounded, so every integer gets its share.
        double lo = Math.log(r.low() - 0.5);
        double hi = Math.log(r.high() + 0.5);
        long value = Math.round(Math.exp(lo + random.nextDouble() * (hi - lo)));
        return Math.min(r.high(), Math.max(r.low(), value));
    }
}
