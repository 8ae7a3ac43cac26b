package io.paretune.controller.search.tpe;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.trial.TrialState;
import io.paretune.controller.search.FrozenTrial;
import io.paretune.controller.search.ParetoFront;
import io.paretune.controller.search.SamplingRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

/**
 * The trials TPE learns from, in chronological order, each marked "below" (the good group l(x) is fitted to) or
 * not (the rest, g(x)); Optuna 3.1's {@code _get_observation_pairs} and {@code _split_observation_pairs}.
 * <ul>
 * <li>COMPLETE trials count with their objective values; FAIL trials are ignored.</li>
 * <li>PRUNED trials (single objective only, as Optuna) rank after every COMPLETE one: by the last step they reached,
 * deeper first, then by their value at that step; one that reported nothing ranks after those.</li>
 * <li>Pending trials (WAITING, RUNNING), with the constant liar, rank last of all: the worst value, so the sampler
 * moves away from what is being tried. Unlike Optuna, which drops the liar for several objectives, they are kept
 * there too (in the above group).</li>
 * <li>With constraints, feasible trials come first: when more than the below group's size are feasible it is chosen
 * among them by objective; otherwise it holds every feasible trial, topped up with the least violating ones. A
 * finished trial without its constraint values (a pruned one) violates infinitely; a pending one is never below.</li>
 * <li>With several objectives the below group is filled front by front (non-dominated sorting); the front that
 * does not fit whole is cut by greedy hypervolume subset selection. Below trials are then weighted by their
 * hypervolume contribution (infeasible ones by 1e-12), as MOTPE does.</li>
 * </ul>
 */
final class Observations {

    static final double EPS = 1e-12;

    /** The trials, by number. */
    final FrozenTrial[] trials;
    /** Whether each trial is in the below group. */
    final boolean[] below;
    /**
     * Each below trial's weight in l(x): the hypervolume contributions with several objectives, the improvement
     * weights with one when asked for; null for equal weights.
     */
    final double[] belowWeight;
    /** How many finished trials count: what the startup and gamma go by (pending ones do not count). */
    final int observed;

    private Observations(FrozenTrial[] trials, boolean[] below, double[] belowWeight, int observed) {
        this.trials = trials;
        this.below = below;
        this.belowWeight = belowWeight;
        this.observed = observed;
    }

    static Observations of(SamplingRequest request, TpeOptions options) {
        int objectives = request.objectives().size();
        boolean multi = objectives > 1;
        List<FrozenTrial> list = new ArrayList<>();
        for (FrozenTrial t : request.finished()) {
            if (t.state() == TrialState.COMPLETE && t.values().size() == objectives
                    || t.state() == TrialState.PRUNED && !multi) {
                list.add(t);
            }
        }
        int observed = list.size();
        if (options.constantLiar()) {
            for (FrozenTrial t : request.pending()) {
                if (t.number() != request.trialNumber() && !t.state().isFinished()) {
                    list.add(t);
                }
            }
        }
        list.sort(Comparator.comparingInt(FrozenTrial::number));
        FrozenTrial[] trials = list.toArray(FrozenTrial[]::new);
        int n = trials.length;
        int nBelow = Math.min(options.nBelow(observed), observed);

        double[] violation = request.constraints().isEmpty() ? null : violations(trials, request.constraints().size());
        boolean[] candidate = new boolean[n];
        boolean[] below = new boolean[n];
        Arrays.fill(candidate, true);
        boolean decided = nBelow == 0;
        if (violation != null && !decided) {
            int feasible = 0;
            for (double v : violation) {
                feasible += v == 0 ? 1 : 0;
            }
            if (feasible <= nBelow) {
                // Every feasible trial, then the least violating ones (earlier first on ties).
                for (int i : smallest(violation, null, nBelow)) {
                    below[i] = true;
                }
                decided = true;
            } else {
                for (int i = 0; i < n; i++) {
                    candidate[i] = violation[i] == 0;
                }
            }
        }
        double[][] losses = multi ? multiLosses(request, trials) : null;
        double[] belowWeight = null;
        if (!decided && multi) {
            ParetoSplit.chooseBelow(losses, candidate, nBelow, below);
        } else if (!decided) {
            double[] primary = new double[n];
            double[] step = new double[n];
            singleLosses(request, trials, step, primary);
            for (int i = 0; i < n; i++) {
                if (!candidate[i]) {
                    step[i] = Double.NaN; // never chosen
                }
            }
            int[] chosen = smallest(step, primary, nBelow);
            for (int i : chosen) {
                below[i] = true;
            }
            if (options.improvementWeights()) {
                belowWeight = improvementWeights(chosen, below, step, primary);
            }
        }
        if (multi) {
            belowWeight = ParetoSplit.belowWeights(losses, below, violation);
        }
        return new Observations(trials, below, belowWeight, observed);
    }

    /**
     * Each good trial's weight by how much it beats the best of the rest (the COMPLETE ones it was chosen against):
     * the threshold minus its loss, scaled to average 1 as equal weights do, so the prior keeps its share. These are
     * the weights of expected improvement over the threshold (Watanabe 2023): the best trials shape l(x) most, while
     * the worst good one, barely better than the rest, hardly counts. Null (equal weights) when there is no finite
     * threshold, which is also whenever a good trial lacks a finite COMPLETE value (such trials rank after every
     * finite COMPLETE one), or when all good values equal it.
     */
    private static double[] improvementWeights(int[] chosen, boolean[] below, double[] step, double[] loss) {
        double threshold = Double.POSITIVE_INFINITY;
        for (int i = 0; i < below.length; i++) {
            if (!below[i] && step[i] == Double.NEGATIVE_INFINITY) {
                threshold = Math.min(threshold, loss[i]);
            }
        }
        if (!Double.isFinite(threshold)) {
            return null;
        }
        double[] weight = new double[below.length];
        double total = 0;
        for (int i : chosen) {
            weight[i] = threshold - loss[i];
            total += weight[i];
        }
        if (!(total > 0)) {
            return null;
        }
        // A good trial tied with the threshold keeps a trace of weight: a kernel of weight 0 would be a dead entry.
        double sum = 0;
        for (int i : chosen) {
            weight[i] = Math.max(weight[i], EPS * total);
            sum += weight[i];
        }
        double scale = chosen.length / sum;
        for (int i : chosen) {
            weight[i] *= scale;
        }
        return weight;
    }

    /**
     * Total violation per trial: infinite for a finished trial without its constraint values (a pruned one), NaN for
     * a pending one, which must never be chosen.
     */
    private static double[] violations(FrozenTrial[] trials, int constraints) {
        double[] v = new double[trials.length];
        for (int i = 0; i < trials.length; i++) {
            FrozenTrial t = trials[i];
            if (t.state().isFinished() && t.violations().size() == constraints) {
                double sum = 0;
                for (Double x : t.violations()) {
                    sum += x > 0 || Double.isNaN(x) ? x : 0;
                }
                v[i] = Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
            } else {
                v[i] = t.state().isFinished() ? Double.POSITIVE_INFINITY : Double.NaN;
            }
        }
        return v;
    }

    /**
     * Ranking keys for one objective, minimized (Optuna's {@code (-step, value)} pairs): COMPLETE trials by value at
     * step −∞; PRUNED ones at −(last step) by their value there, or at step 1 with value 0 when they reported
     * nothing; pending ones at +∞. NaN values count as +∞.
     */
    private static void singleLosses(SamplingRequest request, FrozenTrial[] trials, double[] step, double[] loss) {
        double sign = request.objectives().get(0).direction() == Direction.MAXIMIZE ? -1 : 1;
        for (int i = 0; i < trials.length; i++) {
            FrozenTrial t = trials[i];
            double s;
            double v;
            if (t.state() == TrialState.COMPLETE) {
                s = Double.NEGATIVE_INFINITY;
                v = sign * t.values().get(0);
            } else if (t.state() == TrialState.PRUNED) {
                SortedMap<Integer, Double> reported = t.intermediate();
                if (reported.isEmpty()) {
                    s = 1;
                    v = 0;
                } else {
                    int last = reported.lastKey();
                    s = -last;
                    v = sign * reported.get(last);
                }
            } else {
                s = Double.POSITIVE_INFINITY;
                v = Double.POSITIVE_INFINITY;
            }
            step[i] = s;
            loss[i] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        }
    }

    /**
     * Minimized objective vectors of COMPLETE trials whose values are all finite; null for the others (pending ones,
     * and those with an infinite or NaN value), which never join the below group.
     */
    private static double[][] multiLosses(SamplingRequest request, FrozenTrial[] trials) {
        double[][] losses = new double[trials.length][];
        for (int i = 0; i < trials.length; i++) {
            FrozenTrial t = trials[i];
            if (t.state() == TrialState.COMPLETE) {
                double[] v = ParetoFront.minimizing(t.values(), request.objectives());
                boolean finite = true;
                for (double x : v) {
                    finite &= Double.isFinite(x);
                }
                losses[i] = finite ? v : null;
            }
        }
        return losses;
    }

    /**
     * Indices of the {@code count} smallest entries by ({@code key}, {@code tie}, index) lexicographically, skipping
     * NaN keys; a bounded insertion, as {@code count} is at most 25.
     */
    private static int[] smallest(double[] key, double[] tie, int count) {
        int[] best = new int[count];
        int size = 0;
        for (int i = 0; i < key.length; i++) {
            if (Double.isNaN(key[i])) {
                continue;
            }
            if (size == count && !less(key, tie, i, best[size - 1])) {
                continue;
            }
            int at = size == count ? size - 1 : size++;
            while (at > 0 && less(key, tie, i, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        return Arrays.copyOf(best, size);
    }

    private static boolean less(double[] key, double[] tie, int i, int j) {
        if (key[i] != key[j]) {
            return key[i] < key[j];
        }
        return tie != null && tie[i] < tie[j];
    }
}
