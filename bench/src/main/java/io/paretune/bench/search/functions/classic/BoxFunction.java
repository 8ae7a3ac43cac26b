package io.paretune.bench.search.functions.classic;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A formula of the optimization literature over the box [low, high]^d, evaluated at {@code z = x - s} for a fixed
 * shift {@code s}. The literature puts many minima at the box's centre or on a diagonal of round values, which
 * rewards a sampler that favours the centre or draws the same value for every coordinate; shifted, the minimum lies
 * at {@code x* + s}, off-centre, with unequal coordinates, still inside the box. An unshifted function has {@code s = 0}.
 * Coordinates are the floats x01..x{d} (zero-padded so that their sorted order is their index order).
 * {@code bench/classic_functions.py} computes the same formulas in the same order.
 */
abstract class BoxFunction implements TestFunction {

    private final String name;
    private final double low;
    private final double high;
    private final double[] shift;
    private final double[] argmin;
    private final double optimum;
    private final SearchSpace space;

    /**
     * @param unshiftedArgmin where the unshifted formula is minimal ({@code x*})
     * @param optimum         the formula's value there, to double precision
     */
    BoxFunction(String name, double low, double high, double[] shift, double[] unshiftedArgmin, double optimum) {
        if (shift.length != unshiftedArgmin.length) {
            throw new IllegalArgumentException(name + ": " + shift.length + " shift coordinates for "
                    + unshiftedArgmin.length + " dimensions");
        }
        this.name = name;
        this.low = low;
        this.high = high;
        this.shift = shift.clone();
        this.argmin = new double[shift.length];
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (int i = 0; i < shift.length; i++) {
            argmin[i] = unshiftedArgmin[i] + shift[i];
            if (argmin[i] < low || argmin[i] > high) {
                throw new IllegalArgumentException(name + ": the shift moves the minimum out of [" + low + ", " + high + "]");
            }
            parameters.put(TestFunction.coordinate(i + 1), new ParameterSpec.FloatRange(low, high, false));
        }
        this.optimum = optimum;
        this.space = SearchSpace.of(parameters);
    }

    /** The first {@code dimensions} coordinates of a family's shift table. */
    static double[] firstOf(double[] table, int dimensions, String family) {
        if (dimensions < 2 || dimensions > table.length) {
            throw new IllegalArgumentException(family + " is defined here for 2 to " + table.length
                    + " dimensions, got " + dimensions);
        }
        return Arrays.copyOf(table, dimensions);
    }

    /** {@code value} in each of {@code dimensions} coordinates. */
    static double[] filled(int dimensions, double value) {
        if (dimensions < 2) {
            throw new IllegalArgumentException("a box function needs at least 2 dimensions, got " + dimensions);
        }
        double[] out = new double[dimensions];
        Arrays.fill(out, value);
        return out;
    }

    /** The unshifted formula at {@code z}. */
    abstract double formula(double[] z);

    /** The formula in words, for {@link #description()}. */
    abstract String formulaText();

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SearchSpace space() {
        return space;
    }

    @Override
    public final double optimum() {
        return optimum;
    }

    /** The shift {@code s}; all zeros when the function is not shifted. */
    final double[] shift() {
        return shift.clone();
    }

    @Override
    public final Map<String, Object> argmin() {
        Map<String, Object> point = new LinkedHashMap<>();
        for (int i = 0; i < argmin.length; i++) {
            point.put(TestFunction.coordinate(i + 1), argmin[i]);
        }
        return point;
    }

    @Override
    public final double evaluate(Map<String, Object> params) {
        double[] z = new double[shift.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = TestFunction.number(params, TestFunction.coordinate(i + 1)) - shift[i];
        }
        return formula(z);
    }

    @Override
    public final String description() {
        int d = shift.length;
        boolean shifted = Arrays.stream(shift).anyMatch(s -> s != 0);
        return formulaText() + "; " + d + " floats x01..x" + String.format("%02d", d) + " in [" + round(low) + ", "
                + round(high) + "]" + (shifted ? "; evaluated at z = x - s, s = " + vector(shift) : "")
                + "; minimum " + round(optimum) + " at " + vector(argmin);
    }

    private static String vector(double[] values) {
        return Arrays.stream(values).mapToObj(BoxFunction::round).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String round(double value) {
        return new BigDecimal(value).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }
}
