package io.paretune.controller.search.tpe;

import io.paretune.contract.search.ParameterSpec;

/**
 * A float or integer dimension as a Parzen estimator sees it (Optuna's {@code _calculate_parzen_bounds} and
 * transforms): log ranges in log space; integers with step q as the continuous range [low − q/2, high + q/2] whose
 * density is integrated over [x − q/2, x + q/2]; log integers as the continuous range [log(low − ½), log(high + ½)],
 * drawn values rounded back to integers.
 */
final class NumericDomain {

    /** Bounds of the estimator's space. */
    final double low;
    final double high;
    /** Width of the interval a value stands for (the integer step); 0: a continuous density. */
    final double q;
    private final boolean integer;
    private final boolean log;
    private final double lowValue;
    private final double highValue;

    private NumericDomain(double low, double high, double q, boolean integer, boolean log, double lowValue, double highValue) {
        this.low = low;
        this.high = high;
        this.q = q;
        this.integer = integer;
        this.log = log;
        this.lowValue = lowValue;
        this.highValue = highValue;
    }

    static NumericDomain of(ParameterSpec.FloatRange r) {
        if (r.log()) {
            return new NumericDomain(Math.log(r.low()), Math.log(r.high()), 0, false, true, r.low(), r.high());
        }
        return new NumericDomain(r.low(), r.high(), 0, false, false, r.low(), r.high());
    }

    static NumericDomain of(ParameterSpec.IntRange r) {
        if (r.log()) {
            return new NumericDomain(Math.log(r.low() - 0.5), Math.log(r.high() + 0.5), 0, true, true, r.low(), r.high());
        }
        double q = r.step();
        // The highest value on the grid, which high itself need not be.
        double top = r.low() + (r.size() - 1) * q;
        return new NumericDomain(r.low() - 0.5 * q, top + 0.5 * q, q, true, false, r.low(), top);
    }

    boolean discrete() {
        return q > 0;
    }

    /** Number of grid values of a stepped integer range. */
    long gridSize() {
        return Math.round((highValue - lowValue) / q) + 1;
    }

    /** Grid position of an internal value of a stepped integer range. */
    int gridIndex(double internal) {
        return (int) Math.round((internal - lowValue) / q);
    }

    /** A trial's value in the estimator's space; NaN when it is no value of this dimension. */
    double internal(Object value) {
        if (!(value instanceof Number n)) {
            return Double.NaN;
        }
        double v = n.doubleValue();
        if (!(v >= lowValue && v <= highValue)) {
            return Double.NaN;
        }
        if (integer && !log && Math.rint((v - lowValue) / q) != (v - lowValue) / q) {
            return Double.NaN;
        }
        return log ? Math.log(v) : v;
    }

    /** A draw from the estimator made a value of the dimension (rounded, clipped) and returned to its space. */
    double snap(double sample) {
        return internal(value(sample));
    }

    /** The dimension's value for a point of the estimator's space: Long for integers, Double for floats. */
    Object value(double sample) {
        if (!integer) {
            double v = log ? Math.exp(sample) : sample;
            return Math.min(highValue, Math.max(lowValue, v));
        }
        double v = log ? Math.rint(Math.exp(sample)) : Math.rint((sample - lowValue) / q) * q + lowValue;
        return (long) Math.min(highValue, Math.max(lowValue, v));
    }
}
