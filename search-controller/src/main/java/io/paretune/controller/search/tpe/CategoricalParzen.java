package io.paretune.controller.search.tpe;

import java.util.SplittableRandom;

/**
 * The univariate Parzen estimator of a categorical dimension (Optuna 3.1's): each observation is a distribution that
 * puts weight 1 + p on its own choice and p = priorWeight / (n + 1) on every choice, normalized; a prior kernel is
 * uniform. Mixed with the observations' weights this is a weighted count of the choices plus a smoothing term, so it
 * is computed as such: one pass over the observations, then a table of k probabilities.
 */
final class CategoricalParzen {

    private final double[] logProbability;
    private final double[] cumulative;

    private CategoricalParzen(double[] probability) {
        int k = probability.length;
        this.logProbability = new double[k];
        this.cumulative = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            logProbability[c] = Math.log(probability[c]);
            total += probability[c];
            cumulative[c] = total;
        }
    }

    /**
     * Fits the estimator to {@code n} observed choice indices with their unnormalized weights, plus the uniform prior
     * weighing {@code priorWeight}.
     */
    static CategoricalParzen fit(int choices, int[] observed, double[] weights, int n, double priorWeight) {
        double total = priorWeight;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        double smoothing = priorWeight / (n + 1);
        double rowTotal = 1 + choices * smoothing;
        double[] counts = new double[choices];
        double observedWeight = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i] / total;
            counts[observed[i]] += w;
            observedWeight += w;
        }
        double prior = priorWeight / total / choices;
        double[] probability = new double[choices];
        for (int c = 0; c < choices; c++) {
            probability[c] = (observedWeight * smoothing + counts[c]) / rowTotal + prior;
        }
        return new CategoricalParzen(probability);
    }

    int sample(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int c = 0; c < cumulative.length - 1; c++) {
            if (u < cumulative[c]) {
                return c;
            }
        }
        return cumulative.length - 1;
    }

    double logPdf(int choice) {
        return logProbability[choice];
    }
}
