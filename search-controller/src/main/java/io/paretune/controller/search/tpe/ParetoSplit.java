package io.paretune.controller.search.tpe;

import io.paretune.controller.search.Hypervolume;
import io.paretune.controller.search.ParetoFront;

import java.util.ArrayList;
import java.util.List;

/**
 * MOTPE's split of trials with several objectives (Ozaki et al. 2020, as in Optuna 3.1): the below group is filled
 * with whole non-dominated fronts while they fit, then the next front is cut by greedy hypervolume subset selection;
 * each below trial weighs its hypervolume contribution.
 */
final class ParetoSplit {

    private ParetoSplit() {
    }

    /**
     * Marks {@code count} trials below: front after front among the candidates (those with {@code losses[i]}, minimized
     * objective vectors, and {@code candidate[i]}).
     */
    static void chooseBelow(double[][] losses, boolean[] candidate, int count, boolean[] below) {
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            if (candidate[i] && losses[i] != null) {
                remaining.add(i);
            }
        }
        int chosen = 0;
        while (chosen < count && !remaining.isEmpty()) {
            List<Integer> front = front(losses, remaining);
            if (chosen + front.size() <= count) {
                for (int i : front) {
                    below[i] = true;
                }
                chosen += front.size();
                remaining.removeAll(front);
            } else {
                for (int i : greedySubset(losses, front, count - chosen)) {
                    below[i] = true;
                }
                chosen = count;
            }
        }
    }

    /**
     * The non-dominated trials among {@code among}, in index order. Keeps a running archive of the ones not dominated
     * so far, so a pass costs the number of trials times the front's size, not the square of the trial count.
     */
    static List<Integer> front(double[][] losses, List<Integer> among) {
        List<Integer> archive = new ArrayList<>();
        for (int i : among) {
            boolean dominated = false;
            for (int a : archive) {
                if (ParetoFront.dominates(losses[a], losses[i])) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                archive.removeIf(a -> ParetoFront.dominates(losses[i], losses[a]));
                archive.add(i);
            }
        }
        archive.sort(null);
        return archive;
    }

    /**
     * Greedy hypervolume subset selection (Optuna's {@code _solve_hssp}): {@code size} points of the front, each next
     * one the one adding the most hypervolume to those chosen, the reference point just beyond the front's worst.
     */
    static List<Integer> greedySubset(double[][] losses, List<Integer> front, int size) {
        double[][] points = new double[front.size()][];
        for (int j = 0; j < points.length; j++) {
            points[j] = losses[front.get(j)];
        }
        double[] reference = reference(points);
        List<double[]> chosenPoints = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        boolean[] taken = new boolean[points.length];
        double chosenVolume = 0;
        while (chosen.size() < size) {
            int best = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < points.length; j++) {
                if (taken[j]) {
                    continue;
                }
                chosenPoints.add(points[j]);
                double gain = Hypervolume.of(chosenPoints.toArray(double[][]::new), reference) - chosenVolume;
                chosenPoints.remove(chosenPoints.size() - 1);
                if (gain > bestGain) {
                    bestGain = gain;
                    best = j;
                }
            }
            taken[best] = true;
            chosenPoints.add(points[best]);
            chosenVolume += bestGain;
            chosen.add(front.get(best));
        }
        return chosen;
    }

    /**
     * Weights of the below trials in l(x): feasible ones by hypervolume contribution among the feasible below ones,
     * relative to the largest (plus 1e-12, clipped to [0, 1]); infeasible ones 1e-12. Zero for the trials not below.
     *
     * @param violation total violation per trial, null without constraints
     */
    static double[] belowWeights(double[][] losses, boolean[] below, double[] violation) {
        double[] weight = new double[below.length];
        List<Integer> feasible = new ArrayList<>();
        for (int i = 0; i < below.length; i++) {
            if (!below[i]) {
                continue;
            }
            if ((violation == null || violation[i] == 0) && losses[i] != null) {
                feasible.add(i);
            } else {
                weight[i] = Observations.EPS;
            }
        }
        if (feasible.size() == 1) {
            weight[feasible.get(0)] = 1;
        } else if (feasible.size() > 1) {
            double[][] points = new double[feasible.size()][];
            for (int j = 0; j < points.length; j++) {
                points[j] = losses[feasible.get(j)];
            }
            double[] reference = reference(points);
            double total = Hypervolume.of(points, reference);
            double[] contribution = new double[points.length];
            double largest = 0;
            for (int j = 0; j < points.length; j++) {
                double[][] others = new double[points.length - 1][];
                for (int k = 0, o = 0; k < points.length; k++) {
                    if (k != j) {
                        others[o++] = points[k];
                    }
                }
                contribution[j] = total - Hypervolume.of(others, reference) + Observations.EPS;
                largest = Math.max(largest, contribution[j]);
            }
            for (int j = 0; j < points.length; j++) {
                weight[feasible.get(j)] = Math.min(1, Math.max(0, contribution[j] / largest));
            }
        }
        return weight;
    }

    /** Optuna's reference point: the worst value of each objective pushed out by 10%, 1e-12 where it is 0. */
    static double[] reference(double[][] points) {
        int d = points[0].length;
        double[] r = new double[d];
        for (int k = 0; k < d; k++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                worst = Math.max(worst, p[k]);
            }
            double v = Math.max(1.1 * worst, 0.9 * worst);
            r[k] = v == 0 ? Observations.EPS : v;
        }
        return r;
    }
}
