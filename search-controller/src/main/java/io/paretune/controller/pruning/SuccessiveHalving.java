package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.controller.search.FrozenTrial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * One ladder of asynchronous successive halving (Li et al. 2018; Optuna 3.1's {@code SuccessiveHalvingPruner}):
 * rungs at {@code minResource·η^(earlyStoppingRate + k)}, k = 0, 1, ..., strictly below {@code maxResource}. A trial
 * reaching a rung goes on only if its value is among the top ⌊n/η⌋ of the n trials (itself included) that reached
 * that rung so far; while n &lt; η only the best of them goes on. Ties go on.
 * <p>
 * Stateless: Optuna remembers each trial's value at each rung it passed; here it is read back from the intermediate
 * values. A trial's value at a rung is its value at the first step it reported at or past the rung step: the rung
 * step itself when it reports every step (pipeline campaigns report every epoch), else the report that carried it
 * past the rung, which is the value Optuna would have recorded. One report may carry a trial past several rungs: it
 * is then judged at each of them in turn with that value, as Optuna does.
 */
final class SuccessiveHalving {

    private final int reductionFactor;
    private final int maxResource;
    private final List<Integer> rungSteps;

    SuccessiveHalving(int minResource, int reductionFactor, int earlyStoppingRate, int maxResource) {
        if (minResource < 1 || reductionFactor < 2 || earlyStoppingRate < 0) {
            throw new IllegalArgumentException("need minResource >= 1, reductionFactor >= 2, earlyStoppingRate >= 0; got "
                    + minResource + ", " + reductionFactor + ", " + earlyStoppingRate);
        }
        this.reductionFactor = reductionFactor;
        this.maxResource = maxResource;
        List<Integer> steps = new ArrayList<>();
        long step = minResource;
        for (int i = 0; i < earlyStoppingRate && step < maxResource; i++) {
            step *= reductionFactor;
        }
        // Long arithmetic: the last multiplication may pass Integer.MAX_VALUE before the loop sees it is past max.
        for (; step < maxResource; step *= reductionFactor) {
            steps.add((int) step);
        }
        this.rungSteps = Collections.unmodifiableList(steps);
    }

    /** The rung steps, ascending; empty when even the first is not below maxResource. */
    List<Integer> rungSteps() {
        return rungSteps;
    }

    /** The first rung after {@code currentStep}, or {@code lastStep} when none comes before it. */
    int nextDecisionStep(int currentStep, int lastStep) {
        for (int rung : rungSteps) {
            if (rung > currentStep) {
                return Math.min(rung, lastStep);
            }
        }
        return lastStep;
    }

    /**
     * Whether {@code trial}, having reported {@code step}, falls out at a rung it has just reached.
     *
     * @param competitors the other trials it competes with (any state); the trial itself is skipped if among them
     */
    boolean shouldPrune(Direction direction, FrozenTrial trial, int step, List<FrozenTrial> competitors) {
        Double value = trial.intermediate().get(step);
        // Nothing reported at this step: nothing to judge. At maxResource the trial has finished anyway.
        if (value == null || step >= maxResource) {
            return false;
        }
        SortedMap<Integer, Double> earlier = trial.intermediate().headMap(step);
        int previousStep = earlier.isEmpty() ? Integer.MIN_VALUE : earlier.lastKey();
        for (int rung : rungSteps) {
            if (rung <= previousStep) {
                continue; // judged when it reported previousStep
            }
            if (rung > step) {
                break;
            }
            if (Double.isNaN(value)) {
                return true;
            }
            if (!promotable(direction, value, rungValues(rung, trial.number(), competitors))) {
                return true;
            }
        }
        return false;
    }

    /** The competitors' values at the rung, NaN left out (Optuna prunes a NaN before recording it at the rung). */
    private static List<Double> rungValues(int rung, int self, List<FrozenTrial> competitors) {
        List<Double> values = new ArrayList<>();
        for (FrozenTrial other : competitors) {
            if (other.number() == self) {
                continue;
            }
            SortedMap<Integer, Double> reached = other.intermediate().tailMap(rung);
            if (!reached.isEmpty()) {
                double v = reached.get(reached.firstKey());
                if (!Double.isNaN(v)) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    /** Optuna's rule: among the n values (this one included), the top ⌊n/η⌋ go on, or the best one while n &lt; η. */
    private boolean promotable(Direction direction, double value, List<Double> others) {
        double[] competing = new double[others.size() + 1];
        for (int i = 0; i < others.size(); i++) {
            competing[i] = others.get(i);
        }
        competing[others.size()] = value;
        Arrays.sort(competing);
        int n = competing.length;
        int promotable = Math.max(n / reductionFactor, 1);
        return direction == Direction.MAXIMIZE
                ? value >= competing[n - promotable]
                : value <= competing[promotable - 1];
    }
}
