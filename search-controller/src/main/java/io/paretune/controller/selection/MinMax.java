package io.paretune.controller.selection;

import java.util.List;

/**
 * Min-max normalization of minimized objective vectors: per objective, 0 at the best value of a reference set (the
 * Pareto front) and 1 at its worst. Points outside the set may fall outside [0, 1]. An objective on which the set
 * does not vary normalizes to 0: it decides nothing between its points.
 *
 * <pre>{@code
 * MinMax bounds = MinMax.over(List.of(new double[]{1, 30}, new double[]{3, 10}));
 * bounds.normalize(new double[]{2, 20}); // {0.5, 0.5}
 * }</pre>
 *
 * @param best  per objective, the least minimized value of the set
 * @param worst per objective, the greatest
 */
public record MinMax(double[] best, double[] worst) {

    /** The share of the range added beyond the worst value for a hypervolume's reference point. */
    public static final double REFERENCE_MARGIN = 0.1;

    public MinMax {
        best = best.clone();
        worst = worst.clone();
    }

    /** The bounds of a non-empty set of points of the same dimension. */
    public static MinMax over(List<double[]> points) {
        int m = points.get(0).length;
        double[] best = new double[m];
        double[] worst = new double[m];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(worst, Double.NEGATIVE_INFINITY);
        for (double[] p : points) {
            for (int k = 0; k < m; k++) {
                best[k] = Math.min(best[k], p[k]);
                worst[k] = Math.max(worst[k], p[k]);
            }
        }
        return new MinMax(best, worst);
    }

    @Override
    public double[] best() {
        return best.clone();
    }

    @Override
    public double[] worst() {
        return worst.clone();
    }

    public int dimensions() {
        return best.length;
    }

    public double[] normalize(double[] minimized) {
        double[] n = new double[minimized.length];
        for (int k = 0; k < n.length; k++) {
            double range = worst[k] - best[k];
            n[k] = range > 0 ? (minimized[k] - best[k]) / range : 0;
        }
        return n;
    }

    /**
     * The hypervolume's reference point in normalized space: the nadir of the set plus {@link #REFERENCE_MARGIN} of
     * its range, 1.1 in every objective, so that the set's worst points still add volume.
     */
    public double[] normalizedReference() {
        double[] r = new double[best.length];
        java.util.Arrays.fill(r, 1 + REFERENCE_MARGIN);
        return r;
    }

    /** The same reference point in minimized objective units. */
    public double[] reference() {
        double[] r = new double[best.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = worst[k] + REFERENCE_MARGIN * (worst[k] - best[k]);
        }
        return r;
    }
}
