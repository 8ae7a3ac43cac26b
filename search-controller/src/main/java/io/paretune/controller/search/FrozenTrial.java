package io.paretune.controller.search;

import io.paretune.contract.search.ParameterValues;
import io.paretune.contract.trial.TrialState;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of one trial, all a {@link Sampler} or {@link Pruner} may look at (Optuna's
 * {@code FrozenTrial}).
 *
 * @param number       0-based position of the trial in its campaign
 * @param params       the values proposed for it, normalized (integers as Long, other numbers as Double); a
 *                     conditional parameter whose condition did not hold is absent
 * @param values       objective values in the order of the campaign's objectives; empty unless {@code COMPLETE}
 * @param violations   one per campaign constraint, {@code 0} when met, positive by how far it is missed (see
 *                     {@link io.paretune.contract.campaign.Constraint#violation}); empty unless {@code COMPLETE}
 *                     or when the campaign has no constraints
 * @param intermediate primary-objective values reported along the way, by step (epoch for pipeline campaigns)
 */
public record FrozenTrial(int number, Map<String, Object> params, TrialState state, List<Double> values,
                          List<Double> violations, SortedMap<Integer, Double> intermediate) {

    public FrozenTrial {
        params = ParameterValues.normalize(params);
        values = values == null ? List.of() : List.copyOf(values);
        violations = violations == null ? List.of() : List.copyOf(violations);
        intermediate = Collections.unmodifiableSortedMap(intermediate == null ? new TreeMap<>() : new TreeMap<>(intermediate));
    }

    /** A trial without constraints or intermediate values. */
    public FrozenTrial(int number, Map<String, Object> params, TrialState state, List<Double> values) {
        this(number, params, state, values, List.of(), null);
    }

    /** Whether every constraint is met (true when the campaign has none). */
    public boolean isFeasible() {
        return violations.stream().allMatch(v -> v <= 0);
    }

    /** Sum of the constraint violations: 0 when feasible. */
    public double totalViolation() {
        return violations.stream().mapToDouble(v -> Math.max(0, v)).sum();
    }
}
