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

    /** {@code value} to {@code digits} decimals. */
    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
