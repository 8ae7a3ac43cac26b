package io.paretune.controller.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles as numpy computes them by default (linear interpolation), so both sides of the benchmark agree. */
final class Stats {

    private Stats() {
    }

    /** The {@code q}-quantile ({@code 0 ≤ q ≤ 1}) of {@code values}, interpolating linearly between order statistics. */
    static double percentile(double[] values, double q) {
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
    static Map<String, Object> medianAndIqr(double[] values) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("median", significant(percentile(values, 0.5)));
        out.put("p25", significant(percentile(values, 0.25)));
        out.put("p75", significant(percentile(values, 0.75)));
        return out;
    }

    /** {@code value} to 6 significant digits (regrets span 1e-6 to 1e5; fixed decimals would lose one end). */
    static double significant(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(6)).doubleValue();
    }

    /** {@code value} to {@code digits} decimals. */
    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
