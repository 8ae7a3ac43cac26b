package io.paretune.controller.search;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;

import java.util.ArrayList;
import java.util.List;

/**
 * Pareto dominance over trials with several objectives, with Deb's constrained domination: a feasible trial
 * dominates an infeasible one, of two infeasible ones the smaller total violation dominates, and two feasible ones
 * compare by their objective values.
 *
 * <pre>{@code
 * List<List<FrozenTrial>> fronts = ParetoFront.sort(completed, objectives); // fronts.get(0): the Pareto front
 * }</pre>
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** {@code values} turned to minimization: maximized objectives negated. */
    public static double[] minimizing(List<Double> values, List<Objective> objectives) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            double x = values.get(i);
            v[i] = objectives.get(i).direction() == Direction.MAXIMIZE ? -x : x;
        }
        return v;
    }

    /** Whether {@code a} is no worse than {@code b} in every (minimized) objective and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                better = true;
            }
        }
        return better;
    }

    /** Constrained domination of two COMPLETE trials (see the class comment). */
    public static boolean dominates(FrozenTrial a, FrozenTrial b, List<Objective> objectives) {
        boolean fa = a.isFeasible();
        boolean fb = b.isFeasible();
        if (fa != fb) {
            return fa;
        }
        if (!fa) {
            return a.totalViolation() < b.totalViolation();
        }
        return dominates(minimizing(a.values(), objectives), minimizing(b.values(), objectives));
    }

    /**
     * Non-dominated sorting (Deb et al. 2002): the first list is the Pareto front, each next one the front of what
     * remains. Trials keep their input order within a front. Only COMPLETE trials with every objective value belong in
     * {@code trials}.
     */
    public static List<List<FrozenTrial>> sort(List<FrozenTrial> trials, List<Objective> objectives) {
        int n = trials.size();
        List<List<Integer>> dominated = new ArrayList<>();
        int[] dominatedBy = new int[n];
        // The relation of dominates(FrozenTrial, FrozenTrial, objectives), with feasibility, violation and minimized
        // values worked out once per trial rather than once per pair: NSGA-II sorts populations on every call.
        boolean[] feasible = new boolean[n];
        double[] violation = new double[n];
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            dominated.add(new ArrayList<>());
            FrozenTrial t = trials.get(i);
            feasible[i] = t.isFeasible();
            violation[i] = t.totalViolation();
            values[i] = feasible[i] ? minimizing(t.values(), objectives) : null;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(i, j, feasible, violation, values)) {
                    dominated.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(j, i, feasible, violation, values)) {
                    dominated.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<List<FrozenTrial>> fronts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                current.add(i);
            }
        }
        while (!current.isEmpty()) {
            fronts.add(current.stream().map(trials::get).toList());
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominated.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            next.sort(null);
            current = next;
        }
        return fronts;
    }

    private static boolean dominates(int a, int b, boolean[] feasible, double[] violation, double[][] values) {
        if (feasible[a] != feasible[b]) {
            return feasible[a];
        }
        if (!feasible[a]) {
            return violation[a] < violation[b];
        }
        return dominates(values[a], values[b]);
    }

    /**
     * The indices of the points (minimized objectives) no other point dominates, in input order; equal points are all
     * kept, since neither dominates the other. In lexicographic order a point comes after every point that dominates
     * it, so one pass that checks each point against those kept so far finds the front in O(n · front size): a
     * campaign's thousands of trials, where {@link #sort} would compare every pair.
     */
    public static List<Integer> nondominated(List<double[]> points) {
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> lexicographic(points.get(a), points.get(b)));
        List<Integer> kept = new ArrayList<>();
        if (!points.isEmpty() && points.get(0).length == 2) {
            // Two objectives, where every trial may be on the front: a point is dominated exactly when an earlier one
            // has a lower y, or the same y at a lower x (the earliest point of the lowest y has the lowest x).
            double lowestY = Double.POSITIVE_INFINITY;
            double itsX = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double[] p = points.get(i);
                if (lowestY < p[1] || (lowestY == p[1] && itsX < p[0])) {
                    continue;
                }
                kept.add(i);
                if (p[1] < lowestY) {
                    lowestY = p[1];
                    itsX = p[0];
                }
            }
            kept.sort(null);
            return kept;
        }
        for (int i : order) {
            double[] p = points.get(i);
            if (kept.stream().noneMatch(k -> dominates(points.get(k), p))) {
                kept.add(i);
            }
        }
        kept.sort(null);
        return kept;
    }

    /** Numeric lexicographic order (-0.0 equals 0.0 here, as in {@link #dominates(double[], double[])}). */
    private static int lexicographic(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] < b[k]) {
                return -1;
            }
            if (a[k] > b[k]) {
                return 1;
            }
        }
        return 0;
    }

    /** The Pareto front alone. */
    public static List<FrozenTrial> front(List<FrozenTrial> trials, List<Objective> objectives) {
        List<List<FrozenTrial>> fronts = sort(trials, objectives);
        return fronts.isEmpty() ? List.of() : fronts.get(0);
    }
}
