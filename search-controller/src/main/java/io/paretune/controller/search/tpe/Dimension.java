package io.paretune.controller.search.tpe;

import io.paretune.contract.search.ParameterSpec;

import java.util.List;

/**
 * A parameter that takes more than one value, as the estimators see it: numeric ({@link NumericDomain}) or
 * categorical (choices by index). Values are doubles in the estimator's space; a categorical's is its choice index.
 */
final class Dimension {

    final String name;
    /** Null for a categorical. */
    final NumericDomain numeric;
    /** Null for a numeric. */
    final List<Object> choices;

    private Dimension(String name, NumericDomain numeric, List<Object> choices) {
        this.name = name;
        this.numeric = numeric;
        this.choices = choices;
    }

    /** The dimension of a parameter, or null when it has only one value (fixed, or a range of one point). */
    static Dimension of(String name, ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.low() == r.high() ? null : new Dimension(name, NumericDomain.of(r), null);
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.size() == 1 ? null : new Dimension(name, NumericDomain.of(r), null);
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            return c.choices().size() == 1 ? null : new Dimension(name, null, c.choices());
        }
        return null;
    }

    /** The only value of a parameter that {@link #of} gives no dimension for. */
    static Object onlyValue(ParameterSpec spec) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            return r.low();
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            return r.low();
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            return c.choices().get(0);
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            return f.value();
        }
        throw new IllegalArgumentException("unsupported parameter " + spec);
    }

    boolean categorical() {
        return choices != null;
    }

    /** A trial's value in the estimator's space; NaN when absent or not a value of this dimension. */
    double internal(Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (numeric != null) {
            return numeric.internal(value);
        }
        int index = choices.indexOf(value);
        return index < 0 ? Double.NaN : index;
    }

    /** The parameter value for a point of the estimator's space. */
    Object value(double internal) {
        return numeric != null ? numeric.value(internal) : choices.get((int) internal);
    }
}
