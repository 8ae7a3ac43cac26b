package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multi-objective TPE ({@code "motpe"}; Ozaki et al. 2020, as Optuna 3.1's {@code TPESampler} does it for several
 * objectives): the good group is filled with whole Pareto fronts of the COMPLETE trials (non-dominated sorting) while
 * they fit in {@code min(ceil(0.1 n), 25)}, the next front cut by greedy hypervolume subset selection; each good trial
 * weighs its hypervolume contribution in l(x), the rest are weighted as in {@link TpeSampler}. PRUNED trials are
 * ignored (they have no objective values). Constraints put feasible trials first, as for {@code tpe}.
 * <p>
 * Needs two or more objectives; takes the same {@code strategy.options} as {@link TpeSampler} but
 * {@code goodWeights}, with Optuna 3.1's defaults throughout ({@link TpeOptions#OPTUNA}: univariate, Optuna's
 * kernel widths): {@code tpe}'s departures were measured on single-objective functions only. The constant liar (on
 * by default) puts pending trials in the other group, where Optuna ignores them for several objectives.
 */
public class MotpeSampler implements Sampler {

    public static final String NAME = "motpe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> sample(SamplingRequest request) {
        return TreeParzen.sample(request, TpeOptions.of(request.options(), TpeOptions.OPTUNA));
    }

    @Override
    public List<FieldError> checkOptions(Map<String, Object> options, int objectiveCount) {
        List<FieldError> errors = new ArrayList<>();
        if (objectiveCount < 2) {
            errors.add(new FieldError("objectives", "the motpe sampler needs two or more objectives; use tpe for one"));
        }
        errors.addAll(TpeOptions.check(options, NAME));
        return errors;
    }
}
