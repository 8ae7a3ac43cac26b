package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.ParetoFront;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ZDT1 (Zitzler, Deb and Thiele 2000) with a few parameters, both objectives minimized: f1 = x0,
 * f2 = g (1 - sqrt(f1 / g)), g = 1 + 9 mean(x1..). Its Pareto front is g = 1, f2 = 1 - sqrt(f1).
 */
final class Zdt1 {

    static final List<Objective> OBJECTIVES = List.of(new Objective("f1", Direction.MINIMIZE),
            new Objective("f2", Direction.MINIMIZE));

    private Zdt1() {
    }

    static SearchSpace space(int dimensions) {
        Map<String, ParameterSpec> params = new TreeMap<>();
        for (int i = 0; i < dimensions; i++) {
            params.put("x" + i, new ParameterSpec.FloatRange(0, 1, false));
        }
        return SearchSpace.of(params);
    }

    static List<Double> evaluate(Map<String, Object> params) {
        int n = params.size();
        double f1 = (Double) params.get("x0");
        double sum = 0;
        for (int i = 1; i < n; i++) {
            sum += (Double) params.get("x" + i);
        }
        double g = 1 + 9 * sum / (n - 1);
        return List.of(f1, g * (1 - Math.sqrt(f1 / g)));
    }

    /**
     * Runs {@code trials} trials one after the other; each finished trial gets its ZDT1 values, and, when
     * {@code constraints} is given, a violation per constraint on (f1, f2) as metrics named "f1" and "f2".
     */
    static List<FrozenTrial> run(Sampler sampler, Map<String, Object> options, List<Constraint> constraints,
                                 int dimensions, long seed, int trials) {
        SearchSpace space = space(dimensions);
        List<FrozenTrial> finished = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Map<String, Object> params = sampler.sample(new SamplingRequest(space, OBJECTIVES, constraints, options, seed, n,
                    finished, List.of()));
            List<Double> values = evaluate(params);
            List<Double> violations = constraints.stream()
                    .map(c -> c.violation(values.get(c.metric().equals("f1") ? 0 : 1))).toList();
            finished.add(new FrozenTrial(n, params, TrialState.COMPLETE, values, violations, null));
        }
        return finished;
    }

    /** Area dominated by the front of {@code trials} up to the reference point (1.1, 11): larger is better. */
    static double hypervolume(List<FrozenTrial> trials) {
        List<double[]> front = new ArrayList<>();
        for (FrozenTrial t : ParetoFront.front(trials, OBJECTIVES)) {
            double[] v = ParetoFront.minimizing(t.values(), OBJECTIVES);
            if (v[0] < 1.1 && v[1] < 11) {
                front.add(v);
            }
        }
        front.sort(Comparator.comparingDouble(v -> v[0]));
        double area = 0;
        double previousF2 = 11;
        for (double[] v : front) {
            area += (1.1 - v[0]) * (previousF2 - v[1]);
            previousF2 = v[1];
        }
        return area;
    }
}
