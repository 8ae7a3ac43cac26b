package io.paretune.controller.search;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Exact hypervolume of a set of points (minimized objectives) with respect to a reference point: a sweep in two
 * dimensions, the WFG algorithm (While, Bradstreet and Barone 2012) in more. MOTPE needs it for at most a few dozen
 * points, for which both are fast; a campaign's front may be larger, and WFG's time grows quickly with points and
 * objectives, so callers bound it ({@link #isTractable}, {@link #maxPoints}).
 *
 * <pre>{@code
 * double v = Hypervolume.of(new double[][]{{1, 3}, {2, 2}, {3, 1}}, new double[]{4, 4}); // 6.0
 * }</pre>
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /** Volume dominated by {@code points} and bounded by {@code reference}; points not below it in every objective add nothing. */
    public static double of(double[][] points, double[] reference) {
        double[][] inside = Arrays.stream(points).filter(p -> strictlyBelow(p, reference)).toArray(double[][]::new);
        return volume(inside, reference);
    }

    /**
     * The most non-dominated points {@link #of} takes in {@code objectives} objectives within about a second on a
     * 2-vCPU machine (points spread on a sphere, the hard case: 1,000 in 4 objectives took 0.4 s, 200 in 6 took
     * 0.9 s, 100 in 8 took 0.7 s, 20 in 16 took 0.05 s but 30 took 0.5 s, 10 in 100 took 2 ms); unbounded in two.
     */
    public static int maxPoints(int objectives) {
        if (objectives <= 2) {
            return Integer.MAX_VALUE;
        }
        if (objectives <= 4) {
            return 1000;
        }
        if (objectives <= 6) {
            return 200;
        }
        if (objectives <= 8) {
            return 100;
        }
        return objectives <= 16 ? 20 : 10;
    }

    /** Whether {@link #of} is cheap for {@code points} points in {@code objectives} objectives ({@link #maxPoints}). */
    public static boolean isTractable(int points, int objectives) {
        return points <= maxPoints(objectives);
    }

    private static boolean strictlyBelow(double[] p, double[] reference) {
        for (int k = 0; k < p.length; k++) {
            if (!(p[k] < reference[k])) {
                return false;
            }
        }
        return true;
    }

    private static double volume(double[][] points, double[] reference) {
        int n = points.length;
        if (n == 0) {
            return 0;
        }
        if (n == 1) {
            return box(points[0], reference);
        }
        int d = reference.length;
        if (d == 1) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        if (d == 2) {
            return sweep2d(points, reference);
        }
        // WFG: the volume of point k not covered by the points after it, summed. What the later points cover of
        // point k's box is the volume of their componentwise maxima with it (the "limit set").
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble((double[] p) -> p[0]));
        double total = 0;
        for (int k = 0; k < n; k++) {
            double[] p = sorted[k];
            double[][] limited = new double[n - k - 1][];
            for (int j = k + 1; j < n; j++) {
                double[] q = sorted[j];
                double[] m = new double[d];
                for (int i = 0; i < d; i++) {
                    m[i] = Math.max(p[i], q[i]);
                }
                limited[j - k - 1] = m;
            }
            total += box(p, reference) - volume(nondominated(limited), reference);
        }
        return total;
    }

    private static double box(double[] p, double[] reference) {
        double v = 1;
        for (int i = 0; i < p.length; i++) {
            v *= reference[i] - p[i];
        }
        return v;
    }

    private static double sweep2d(double[][] points, double[] reference) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
        double volume = 0;
        double ceiling = reference[1];
        for (double[] p : sorted) {
            if (p[1] < ceiling) {
                volume += (reference[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }
        return volume;
    }

    /** The points no other one weakly dominates (of equal points, the first). */
    static double[][] nondominated(double[][] points) {
        int n = points.length;
        boolean[] dropped = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n && !dropped[i]; j++) {
                if (i != j && !dropped[j] && weaklyDominates(points[j], points[i])
                        && (j < i || !Arrays.equals(points[i], points[j]))) {
                    dropped[i] = true;
                }
            }
        }
        int kept = 0;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!dropped[i]) {
                out[kept++] = points[i];
            }
        }
        return Arrays.copyOf(out, kept);
    }

    private static boolean weaklyDominates(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
        }
        return true;
    }
}
