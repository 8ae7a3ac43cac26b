package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Sequential optimization loops for the sampler tests. */
final class Runs {

    static final List<Objective> MINIMIZE = List.of(new Objective("loss", Direction.MINIMIZE));
    static final List<Objective> TWO = List.of(new Objective("f1", Direction.MINIMIZE), new Objective("f2", Direction.MINIMIZE));

    static final SearchSpace BRANIN_SPACE = SearchSpace.of(Map.of(
            "x", new ParameterSpec.FloatRange(-5, 10, false),
            "y", new ParameterSpec.FloatRange(0, 15, false)));

    private Runs() {
    }

    static double branin(Map<String, Object> p) {
        double x = (Double) p.get("x");
        double y = (Double) p.get("y");
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(y - b * x * x + c * x - 6, 2) + 10 * (1 - t) * Math.cos(x) + 10;
    }

    /** Runs {@code n} trials one after another; the objective gives values (and the constraint metrics after them). */
    static List<FrozenTrial> run(Sampler sampler, SearchSpace space, List<Objective> objectives, List<Constraint> constraints,
                                 Map<String, Object> options, long seed, int n, Function<Map<String, Object>, double[]> objective) {
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> params = sampler.sample(new SamplingRequest(space, objectives, constraints, options, seed, i,
                    finished, List.of()));
            double[] out = objective.apply(params);
            List<Double> values = Arrays.stream(out, 0, objectives.size()).boxed().toList();
            List<Double> violations = new ArrayList<>();
            for (int c = 0; c < constraints.size(); c++) {
                violations.add(constraints.get(c).violation(out[objectives.size() + c]));
            }
            finished.add(new FrozenTrial(i, params, TrialState.COMPLETE, values, violations, null));
        }
        return finished;
    }

    static List<FrozenTrial> run(Sampler sampler, SearchSpace space, Map<String, Object> options, long seed, int n,
                                 Function<Map<String, Object>, Double> objective) {
        return run(sampler, space, MINIMIZE, List.of(), options, seed, n, p -> new double[]{objective.apply(p)});
    }

    static double best(List<FrozenTrial> trials) {
        return trials.stream().mapToDouble(t -> t.values().get(0)).min().orElseThrow();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
