package io.paretune.controller.selection;

import java.util.List;

/**
 * The knee of a Pareto front in normalized objectives (all minimized, the ideal point at the origin): the point
 * farthest from the hyperplane through the front's extreme points (with two objectives, the line through its two
 * ends), on the side of the ideal point. This is the distance Das (1999) and Das and Dennis's normal boundary
 * intersection measure from the convex hull of the individual minima: the point that gains most over a straight
 * trade-off. When the extremes span no hyperplane (a front of fewer distinct extremes than objectives), the knee is
 * the point nearest the ideal point (Euclidean). Ties go to the earlier point.
 *
 * <pre>{@code
 * Knee.of(List.of(new double[]{0, 1}, new double[]{0.2, 0.3}, new double[]{1, 0})); // 1
 * }</pre>
 */
public final class Knee {

    private static final double SINGULAR = 1e-12;
    private static final double TIE = 1e-12;

    private Knee() {
    }

    /** The index of the knee among {@code normalized}, a non-empty list of mutually non-dominated points. */
    public static int of(List<double[]> normalized) {
        if (normalized.size() == 1) {
            return 0;
        }
        double[] normal = hyperplane(extremes(normalized));
        return normal == null ? nearestToIdeal(normalized) : farthestFromPlane(normalized, normal);
    }

    /** Per objective, the point with the least value there; of equals, the one with the least sum of the others. */
    static double[][] extremes(List<double[]> points) {
        int m = points.get(0).length;
        double[][] extremes = new double[m][];
        for (int k = 0; k < m; k++) {
            for (double[] p : points) {
                if (extremes[k] == null || p[k] < extremes[k][k]
                        || (p[k] == extremes[k][k] && sum(p) < sum(extremes[k]))) {
                    extremes[k] = p;
                }
            }
        }
        return extremes;
    }

    /**
     * The {@code w} of the hyperplane {@code w · x = 1} through the extremes, by Gaussian elimination with partial
     * pivoting; null when they span none (repeated extremes, or a plane through the ideal point).
     */
    static double[] hyperplane(double[][] extremes) {
        int m = extremes.length;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            System.arraycopy(extremes[i], 0, a[i], 0, m);
            a[i][m] = 1;
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < SINGULAR) {
                return null;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = a[i][m] / a[i][i];
        }
        return w;
    }

    private static int farthestFromPlane(List<double[]> points, double[] w) {
        double norm = Math.sqrt(dot(w, w));
        int best = 0;
        double bestDistance = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            // Positive on the ideal point's side: the origin has w · 0 = 0 < 1.
            double distance = (1 - dot(w, points.get(i))) / norm;
            if (distance > bestDistance + TIE || (Math.abs(distance - bestDistance) <= TIE
                    && dot(points.get(i), points.get(i)) < dot(points.get(best), points.get(best)))) {
                best = i;
                bestDistance = Math.max(distance, bestDistance);
            }
        }
        return best;
    }

    private static int nearestToIdeal(List<double[]> points) {
        int best = 0;
        for (int i = 1; i < points.size(); i++) {
            if (dot(points.get(i), points.get(i)) < dot(points.get(best), points.get(best)) - TIE) {
                best = i;
            }
        }
        return best;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double sum(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s;
    }
}
