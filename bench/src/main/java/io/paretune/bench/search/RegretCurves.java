package io.paretune.bench.search;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;
import io.paretune.controller.search.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a sampler on a test function the way a campaign with {@code maxParallel} 1 would: trial {@code n} is asked
 * with trials 0..n-1 finished, evaluated, and told as COMPLETE; nothing pending, no pruning. A noisy function's
 * observations get their noise from a stream seeded by the campaign seed alone, so every sampler run with one seed
 * sees the same noise at trial {@code n}.
 */
public final class RegretCurves {

    static final List<Objective> OBJECTIVES = List.of(new Objective("value", Direction.MINIMIZE));

    private RegretCurves() {
    }

    /** Seed stream of the observation noise, apart from every sampler's. */
    private static final long NOISE_STREAM = 0x4E01_5E5E_ED00_0001L;

    /**
     * The best-so-far regret after each trial: {@code regret[n]} = the noise-free value of the best observed of the
     * first {@code n + 1} trials minus the function's optimum (clamped at 0 against the optimum's rounding); without
     * noise, simply the least value so far.
     */
    public static double[] run(Sampler sampler, Map<String, Object> options, TestFunction function, long seed, int trials) {
        List<FrozenTrial> finished = new ArrayList<>(trials);
        double[] regret = new double[trials];
        double bestObserved = Double.POSITIVE_INFINITY;
        double incumbent = Double.POSITIVE_INFINITY;
        double sd = function.noiseSd();
        SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, NOISE_STREAM, 0));
        for (int n = 0; n < trials; n++) {
            SamplingRequest request = new SamplingRequest(function.space(), OBJECTIVES, List.of(), options, seed, n,
                    finished, List.of());
            Map<String, Object> params = sampler.sample(request);
            double value = function.evaluate(params);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException(function.name() + " gave " + value + " at " + params);
            }
            double observed = sd > 0 ? value + sd * gaussian(noise) : value;
            finished.add(new FrozenTrial(n, params, TrialState.COMPLETE, List.of(observed)));
            if (observed < bestObserved) {
                bestObserved = observed;
                incumbent = value;
            }
            regret[n] = Math.max(0, incumbent - function.optimum());
        }
        return regret;
    }

    /** A standard normal draw (Box–Muller; one of the pair is enough here). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
