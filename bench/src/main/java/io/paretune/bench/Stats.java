package io.paretune.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmarks' arithmetic: percentiles as numpy computes them by default (linear interpolation), so that both
 * sides of a comparison agree, and rounding for the JSON.
 */
public final class Stats {

    private Stats() {
    }

    /** The {@code q}-quantile ({@code 0 ≤ q ≤ 1}) of {@code values}, interpolating linearly between order statistics. */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** {@code {"median", "p25", "p75"}}, each to 6 significant digits. */
    public static Map<String, Object> medianAndIqr(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", significant(percentile(values, 0.5)));
        out.put("p25", significant(percentile(values, 0.25)));
        out.put("p75", significant(percentile(values, 0.75)));
        return out;
    }

    /** {@code value} to 6 significant digits (regrets span 1e-6 to 1e5; fixed decimals would lose one end). */
    public static double significant(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(6)).doubleValue();
    }

    /** The median of {@code values}; 0 when there are none. */
    public static double median(java.util.Collection<Double> values) {
        return values.isEmpty() ? 0 : percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }

    /** The arithmetic mean of {@code values}. */
    public static double mean(java.util.Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("mean of no values");
        }
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    /** {@code value} to {@code digits} decimals. */
    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /**
     * The Wilcoxon signed-rank test of paired samples: {@code z} below 0 when {@code a} tends to be the lower, and the
     * two-sided p-value.
     */
    public record SignedRank(double z, double p) {
    }

    /**
     * Wilcoxon signed-rank test of paired samples ({@code a[i]} with {@code b[i]}): zero differences dropped, tied
     * absolute differences given their mean rank, the normal approximation with the tie correction (scipy's
     * {@code wilcoxon(..., zero_method="wilcox", correction=False, mode="approx")}). z 0 and p 1 when no pair differs.
     */
    public static SignedRank wilcoxonSignedRank(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples of different sizes: " + a.length + " and " + b.length);
        }
        double[] d = java.util.stream.IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i])
                .filter(x -> x != 0).toArray();
        int n = d.length;
        if (n == 0) {
            return new SignedRank(0, 1);
        }
        Integer[] order = java.util.stream.IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (i, j) -> Double.compare(Math.abs(d[i]), Math.abs(d[j])));
        double positive = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && Math.abs(d[order[end + 1]]) == Math.abs(d[order[start]])) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            int t = end - start + 1;
            tieTerm += t * (double) t * t - t;
            for (int k = start; k <= end; k++) {
                if (d[order[k]] > 0) {
                    positive += rank;
                }
            }
            start = end + 1;
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        if (variance <= 0) {
            return new SignedRank(0, 1);
        }
        double z = (positive - mean) / Math.sqrt(variance);
        return new SignedRank(z, Math.min(1, 2 * upperNormalTail(Math.abs(z))));
    }

    /** P(Z &gt; z) of a standard normal (Abramowitz and Stegun 7.1.26 on erfc; absolute error under 1.5e-7). */
    static double upperNormalTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return 0.5 * erfc;
    }
}
