package io.paretune.controller.pruning;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * past the rung, which is the value Optuna records. One report may carry a trial past several rungs: it is then
 * judged at each in turn with that value, lowest first, as Optuna does, and stops at the first it fails.
 * <p>
 * That last case is the one thing the intermediate values do not tell afterwards: a trial stopped on a report that
 * carried it past several rungs reached only those up to the one it failed, and only those count it as a competitor.
 * Which one that was is judged again, against the trials at those rungs now (Optuna knew those at the time; later
 * arrivals can tip the answer). Pipeline trials report every epoch and never meet this.
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
        List<FrozenTrial> field = new ArrayList<>();
        for (FrozenTrial other : competitors) {
            if (other.number() != trial.number()) {
                field.add(other);
            }
        }
        // The trial as it was before this report, for judging again how others stopped (see Standings.counts).
        field.add(new FrozenTrial(trial.number(), trial.params(), trial.state(), trial.values(), trial.violations(),
                trial.intermediate().headMap(step)));
        Standings standings = new Standings(direction, field);
        for (int rung : reachedBy(trial, step)) {
            if (!standings.passes(value, rung, trial.number())) {
                return true;
            }
        }
        return false;
    }

    /** Indices of the rungs that the report at {@code step} carried the trial past: above its previous report. */
    private List<Integer> reachedBy(FrozenTrial trial, int step) {
        SortedMap<Integer, Double> earlier = trial.intermediate().headMap(step);
        int previousStep = earlier.isEmpty() ? Integer.MIN_VALUE : earlier.lastKey();
        List<Integer> reached = new ArrayList<>();
        for (int i = 0; i < rungSteps.size() && rungSteps.get(i) <= step; i++) {
            if (rungSteps.get(i) > previousStep) {
                reached.add(i);
            }
        }
        return reached;
    }

    /** Who reached which rung with what value, among a set of competing trials, worked out once per decision. */
    private final class Standings {

        private final Direction direction;
        private final List<FrozenTrial> field;
        private final Map<Long, Boolean> reachedAlive = new HashMap<>();

        Standings(Direction direction, List<FrozenTrial> field) {
            this.direction = direction;
            this.field = field;
        }

        /** Whether {@code value} at rung {@code rung} is promotable against the field's other trials there. */
        boolean passes(double value, int rung, int self) {
            if (Double.isNaN(value)) {
                return false; // Optuna stops it, and does not record it at the rung
            }
            List<Double> others = new ArrayList<>();
            for (FrozenTrial other : field) {
                Double v = other.number() == self ? null : valueAt(other, rung);
                if (v != null && !Double.isNaN(v) && counts(other, rung)) {
                    others.add(v);
                }
            }
            return promotable(value, others);
        }

        /** The trial's value at the rung: at its first report at or past it; null when it has not got there. */
        private Double valueAt(FrozenTrial trial, int rung) {
            SortedMap<Integer, Double> from = trial.intermediate().tailMap(rungSteps.get(rung));
            return from.isEmpty() ? null : from.get(from.firstKey());
        }

        /**
         * Whether the trial, which got to the rung, was still going when it did: always, but for a stopped trial
         * whose last report carried it past this rung and a lower one, which it must then have passed.
         */
        private boolean counts(FrozenTrial trial, int rung) {
            if (trial.state() != TrialState.PRUNED) {
                return true;
            }
            List<Integer> lastReached = reachedBy(trial, trial.intermediate().lastKey());
            if (lastReached.isEmpty() || rung <= lastReached.get(0) || !lastReached.contains(rung)) {
                return true;
            }
            long key = ((long) trial.number() << 32) | rung;
            Boolean known = reachedAlive.get(key);
            if (known == null) {
                // Rungs below this one only: the recursion ends at the lowest rung.
                known = counts(trial, rung - 1) && passes(valueAt(trial, rung - 1), rung - 1, trial.number());
                reachedAlive.put(key, known);
            }
            return known;
        }

        /** Optuna's rule: among the n values (this one included), the top ⌊n/η⌋ go on, or the best while n &lt; η. */
        private boolean promotable(double value, List<Double> others) {
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
}
