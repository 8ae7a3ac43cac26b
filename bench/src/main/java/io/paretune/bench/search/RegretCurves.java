package io.paretune.bench.search;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a sampler on a test function the way a campaign with {@code maxParallel} 1 would: trial {@code n} is asked
 * with trials 0..n-1 finished, evaluated, and told as COMPLETE; nothing pending, no pruning.
 */
public final class RegretCurves {

    static final List<Objective> OBJECTIVES = List.of(new Objective("value", Direction.MINIMIZE));

    private RegretCurves() {
    }

    /**
     * The best-so-far regret after each trial: {@code regret[n]} = min of the first {@code n + 1} values minus the
     * function's optimum (clamped at 0 against the optimum's rounding).
     */
    public static double[] run(Sampler sampler, Map<String, Object> options, TestFunction function, long seed, int trials) {
        List<FrozenTrial> finished = new ArrayList<>(trials);
        double[] regret = new double[trials];
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < trials; n++) {
            SamplingRequest request = new SamplingRequest(function.space(), OBJECTIVES, List.of(), options, seed, n,
                    finished, List.of());
            Map<String, Object> params = sampler.sample(request);
            double value = function.evaluate(params);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException(function.name() + " gave " + value + " at " + params);
            }
            finished.add(new FrozenTrial(n, params, TrialState.COMPLETE, List.of(value)));
            best = Math.min(best, value);
            regret[n] = Math.max(0, best - function.optimum());
        }
        return regret;
    }
}
