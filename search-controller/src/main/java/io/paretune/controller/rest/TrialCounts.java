package io.paretune.controller.rest;

import io.paretune.contract.trial.TrialState;

import java.util.LinkedHashMap;
import java.util.Map;

/** Trials by state, every state present (zeros included), in lifecycle order. */
final class TrialCounts {

    private TrialCounts() {
    }

    static Map<String, Long> of(Map<TrialState, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TrialState state : TrialState.values()) {
            out.put(state.name(), counts == null ? 0L : counts.getOrDefault(state, 0L));
        }
        return out;
    }
}
