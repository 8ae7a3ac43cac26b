package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A campaign played report by report: each report asks the pruner as the controller would, with every other trial
 * as it stands at that moment; a trial it stops is PRUNED from then on.
 */
final class ScriptedCampaign {

    private final Pruner pruner;
    private final PrunerSpec spec;
    private final Direction direction;
    private final long seed;
    private final Map<Integer, SortedMap<Integer, Double>> reports = new TreeMap<>();
    private final Map<Integer, TrialState> states = new TreeMap<>();

    ScriptedCampaign(Pruner pruner, PrunerSpec spec, Direction direction, long seed) {
        this.pruner = pruner;
        this.spec = spec;
        this.direction = direction;
        this.seed = seed;
    }

    /** Trial {@code number} reports {@code value} at {@code step}; returns whether the pruner stops it. */
    boolean report(int number, int step, double value) {
        if (states.getOrDefault(number, TrialState.RUNNING) != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + number + " is " + states.get(number));
        }
        states.put(number, TrialState.RUNNING);
        reports.computeIfAbsent(number, n -> new TreeMap<>()).put(step, value);
        boolean prune = pruner.shouldPrune(request(number, step));
        if (prune) {
            states.put(number, TrialState.PRUNED);
        }
        return prune;
    }

    void complete(int number) {
        states.put(number, TrialState.COMPLETE);
    }

    PruningRequest request(int number, int step) {
        List<FrozenTrial> others = new ArrayList<>();
        for (int other : states.keySet()) {
            if (other != number) {
                others.add(frozen(other));
            }
        }
        return new PruningRequest(spec, direction, seed, frozen(number), step, others);
    }

    private FrozenTrial frozen(int number) {
        SortedMap<Integer, Double> intermediate = reports.getOrDefault(number, new TreeMap<>());
        TrialState state = states.getOrDefault(number, TrialState.RUNNING);
        List<Double> values = state == TrialState.COMPLETE ? List.of(intermediate.get(intermediate.lastKey())) : List.of();
        return new FrozenTrial(number, Map.of(), state, values, List.of(), intermediate);
    }

    /** A trial on its own, for requests built by hand. */
    static FrozenTrial trial(int number, TrialState state, Map<Integer, Double> intermediate) {
        List<Double> values = state == TrialState.COMPLETE && !intermediate.isEmpty()
                ? List.of(new TreeMap<>(intermediate).lastEntry().getValue()) : List.of();
        return new FrozenTrial(number, Map.of(), state, values, List.of(), new TreeMap<>(intermediate));
    }
}
