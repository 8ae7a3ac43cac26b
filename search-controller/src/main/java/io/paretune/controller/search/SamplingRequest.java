package io.paretune.controller.search;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterValues;
import io.paretune.contract.search.SearchSpace;

import java.util.List;
import java.util.Map;

/**
 * Everything a sampler may use to propose trial {@code trialNumber}: the space, the campaign's seed, objectives,
 * constraints and sampler options, the finished trials (COMPLETE, PRUNED, FAIL) and the pending ones (WAITING,
 * RUNNING), the latter for strategies such as the constant liar that must not propose what is already being tried.
 *
 * @param options {@code strategy.options} of the campaign, already accepted by {@link Sampler#checkOptions}
 */
public record SamplingRequest(
        SearchSpace searchSpace,
        List<Objective> objectives,
        List<Constraint> constraints,
        Map<String, Object> options,
        long seed,
        int trialNumber,
        List<FrozenTrial> finished,
        List<FrozenTrial> pending) {

    public SamplingRequest {
        objectives = List.copyOf(objectives);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        options = options == null ? Map.of() : ParameterValues.normalize(options);
        finished = List.copyOf(finished);
        pending = List.copyOf(pending);
    }

    /** A request without constraints or options. */
    public SamplingRequest(SearchSpace searchSpace, List<Objective> objectives, long seed, int trialNumber,
                           List<FrozenTrial> finished, List<FrozenTrial> pending) {
        this(searchSpace, objectives, List.of(), Map.of(), seed, trialNumber, finished, pending);
    }
}
