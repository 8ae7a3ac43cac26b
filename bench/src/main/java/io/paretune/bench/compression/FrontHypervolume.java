package io.paretune.bench.compression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hypervolume of a campaign's trade-off between {@code val_accuracy} (maximized) and {@code nonzero_params}
 * (minimized), on fixed bounds so that campaigns compare: accuracy maps linearly from [{@link #ACCURACY_LOW},
 * {@link #ACCURACY_HIGH}] to [0, 1], non-zero weights logarithmically from [{@link #NONZERO_LOW},
 * {@link #NONZERO_HIGH}] to [1, 0] (ten times fewer weights gain as much at any size), values outside clipped.
 * The volume is the area dominated by the trials in that unit square, against the reference point (0, 0): the worst
 * corner. 1 would be a model at the accuracy ceiling with the fewest weights.
 */
final class FrontHypervolume {

    static final double ACCURACY_LOW = 0.70;
    static final double ACCURACY_HIGH = 0.95;
    static final double NONZERO_LOW = 1e3;
    static final double NONZERO_HIGH = 1e6;

    private FrontHypervolume() {
    }

    /** The bounds as the JSON states them. */
    static Map<String, Object> bounds() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("val_accuracy", List.of(ACCURACY_LOW, ACCURACY_HIGH));
        b.put("val_accuracy_scale", "linear, maximized");
        b.put("nonzero_params", List.of(NONZERO_LOW, NONZERO_HIGH));
        b.put("nonzero_params_scale", "log10, minimized");
        b.put("reference_point", "(0, 0) in normalized space: accuracy " + ACCURACY_LOW + ", " + (long) NONZERO_HIGH
                + " non-zero weights");
        return b;
    }

    /** Normalized accuracy in [0, 1], higher better. */
    static double accuracyScore(double valAccuracy) {
        return clip((valAccuracy - ACCURACY_LOW) / (ACCURACY_HIGH - ACCURACY_LOW));
    }

    /** Normalized sparsity of the model in [0, 1], higher better (fewer non-zero weights). */
    static double sizeScore(double nonzeroParams) {
        double low = Math.log10(NONZERO_LOW);
        double high = Math.log10(NONZERO_HIGH);
        return clip((high - Math.log10(Math.max(nonzeroParams, 1))) / (high - low));
    }

    /** The hypervolume of the trials that report both metrics; 0 for none. */
    static double of(List<ScoredTrial> trials) {
        List<double[]> points = new ArrayList<>();
        for (ScoredTrial t : trials) {
            double accuracy = t.metric("val_accuracy");
            double nonzero = t.metric("nonzero_params");
            if (!Double.isNaN(accuracy) && !Double.isNaN(nonzero)) {
                points.add(new double[]{accuracyScore(accuracy), sizeScore(nonzero)});
            }
        }
        return area(points);
    }

    /** Area dominated by points (both coordinates maximized) above the origin: a sweep by decreasing first value. */
    static double area(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        double area = 0;
        double covered = 0; // the highest second value seen so far: what lies below it is counted
        for (double[] p : sorted) {
            if (p[1] > covered) {
                area += p[0] * (p[1] - covered);
                covered = p[1];
            }
        }
        return area;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
