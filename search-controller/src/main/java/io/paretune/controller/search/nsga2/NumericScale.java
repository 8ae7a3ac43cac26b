package io.paretune.controller.search.nsga2;

import io.paretune.contract.search.ParameterSpec;

/**
 * The continuous coordinate numeric crossovers work in, for one int or float parameter (as Optuna's
 * {@code _SearchSpaceTransform}): the logarithm for log ranges, and for ints bounds widened by half a step on each
 * side so that rounding gives the end values their full share.
 */
record NumericScale(ParameterSpec spec, double low, double high) {

    /** The scale of a searchable numeric parameter; null for categorical, fixed or single-valued ones. */
    static NumericScale of(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r && r.low() < r.high()) {
            return r.log() ? new NumericScale(spec, Math.log(r.low()), Math.log(r.high()))
                    : new NumericScale(spec, r.low(), r.high());
        }
        if (spec instanceof ParameterSpec.IntRange r && r.low() < r.high()) {
            double half = 0.5 * r.step();
            return r.log() ? new NumericScale(spec, Math.log(r.low() - half), Math.log(r.high() + half))
                    : new NumericScale(spec, r.low() - half, r.high() + half);
        }
        return null;
    }

    double toScale(Object value) {
        double v = ((Number) value).doubleValue();
        return isLog() ? Math.log(v) : v;
    }

    /** The parameter's value nearest {@code x}: clamped to its range, integers rounded onto their steps. */
    Object fromScale(double x) {
        double v = isLog() ? Math.exp(x) : x;
        if (spec instanceof ParameterSpec.FloatRange r) {
            return Math.min(r.high(), Math.max(r.low(), v));
        }
        ParameterSpec.IntRange r = (ParameterSpec.IntRange) spec;
        long steps = Math.round((v - r.low()) / r.step());
        long value = r.low() + steps * r.step();
        return Math.min(r.high() - (r.high() - r.low()) % r.step(), Math.max(r.low(), value));
    }

    boolean contains(double x) {
        return x >= low && x <= high;
    }

    private boolean isLog() {
        return spec instanceof ParameterSpec.FloatRange f ? f.log() : ((ParameterSpec.IntRange) spec).log();
    }
}
