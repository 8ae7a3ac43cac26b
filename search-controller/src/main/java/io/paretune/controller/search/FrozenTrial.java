package io.paretune.controller.search;

import io.paretune.contract.search.ParameterValues;
import io.paretune.contract.trial.TrialState;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one trial, all a {@link Sampler} may look at (Optuna's {@code FrozenTrial}).
 *
 * @param number 0-based position of the trial in its campaign
 * @param params the values proposed for it, normalized (integers as Long, other numbers as Double)
 * @param values objective values in the order of the campaign's objectives; empty unless {@code COMPLETE}
 */
public record FrozenTrial(int number, Map<String, Object> params, TrialState state, List<Double> values) {

    public FrozenTrial {
        params = ParameterValues.normalize(params);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
