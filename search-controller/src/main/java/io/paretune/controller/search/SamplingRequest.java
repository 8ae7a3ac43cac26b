package io.paretune.controller.search;

import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.SearchSpace;

import java.util.List;

/**
 * Everything a sampler may use to propose trial {@code trialNumber}: the space, the campaign's seed and objectives,
 * the finished trials (COMPLETE, PRUNED, FAIL) and the pending ones (WAITING, RUNNING), the latter for strategies
 * such as the constant liar that must not propose what is already being tried.
 */
public record SamplingRequest(
        SearchSpace searchSpace,
        List<Objective> objectives,
        long seed,
        int trialNumber,
        List<FrozenTrial> finished,
        List<FrozenTrial> pending) {

    public SamplingRequest {
        objectives = List.copyOf(objectives);
        finished = List.copyOf(finished);
        pending = List.copyOf(pending);
    }
}
