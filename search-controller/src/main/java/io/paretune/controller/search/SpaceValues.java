package io.paretune.controller.search;

import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.ParameterValues;

import java.util.Locale;

/**
 * Whether a value belongs to a parameter's domain, and the value in the form samplers propose it (integers as Long,
 * floats as Double, a categorical choice as the choice itself). For values that come from outside a sampler: grid
 * values and points a user lists, parents' values an evolutionary sampler inherits.
 *
 * <pre>{@code
 * Object v = SpaceValues.conform(new ParameterSpec.IntRange(32, 256, false, 32), 64); // 64L
 * }</pre>
 */
public final class SpaceValues {

    private SpaceValues() {
    }

    /** Whether {@code value} lies in the domain of {@code spec}, as {@link #conform} would accept it. */
    public static boolean contains(ParameterSpec spec, Object value) {
        try {
            conform(spec, value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@code value} in the sampler's representation: a number given for a float range becomes a Double, an
     * integral number for an int range a Long, a number equal to a numeric choice that choice.
     *
     * @throws IllegalArgumentException saying why the value does not belong (to be shown after a field name)
     */
    public static Object conform(ParameterSpec spec, Object value) {
        Object v = ParameterValues.normalize(value);
        if (!(v instanceof String || v instanceof Boolean || v instanceof Number)) {
            throw new IllegalArgumentException("must be a string, number or boolean, not " + describe(v));
        }
        if (spec instanceof ParameterSpec.FloatRange r) {
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("must be a finite number, not " + describe(v));
            }
            double d = n.doubleValue();
            if (d < r.low() || d > r.high()) {
                throw new IllegalArgumentException(d + " is outside [" + r.low() + ", " + r.high() + "]");
            }
            return d;
        }
        if (spec instanceof ParameterSpec.IntRange r) {
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Double.isInfinite(n.doubleValue())) {
                throw new IllegalArgumentException("must be an integer, not " + describe(v));
            }
            long l = n.longValue();
            if (l < r.low() || l > r.high()) {
                throw new IllegalArgumentException(l + " is outside [" + r.low() + ", " + r.high() + "]");
            }
            if ((l - r.low()) % r.step() != 0) {
                throw new IllegalArgumentException(l + " is not on the range's steps (" + r.low() + ", "
                        + (r.low() + r.step()) + ", ... by " + r.step() + ")");
            }
            return l;
        }
        if (spec instanceof ParameterSpec.Categorical c) {
            for (Object choice : c.choices()) {
                if (same(choice, v)) {
                    return choice;
                }
            }
            throw new IllegalArgumentException(describe(v) + " is not one of the choices " + c.choices());
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            if (same(f.value(), v)) {
                return f.value();
            }
            throw new IllegalArgumentException("must be " + describe(f.value()) + ": the parameter is fixed");
        }
        throw new IllegalArgumentException("unsupported parameter " + spec);
    }

    /** Equal, or the same number written as an integer and as a float (1 and 1.0). */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a.equals(b);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return "a " + (v instanceof java.util.List ? "list" : v instanceof java.util.Map ? "object"
                : v.getClass().getSimpleName().toLowerCase(Locale.ROOT));
    }
}
