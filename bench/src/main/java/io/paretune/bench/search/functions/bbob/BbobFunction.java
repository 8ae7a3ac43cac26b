package io.paretune.bench.search.functions.bbob;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One problem of COCO's {@code bbob} suite: BBOB function {@code f1..f24} (Hansen, Finck, Ros, Auger 2009,
 * "Real-parameter black-box optimization benchmarking 2009: noiseless functions definitions") in {@code d}
 * dimensions, instance {@code i}, with COCO's own instance generator, so that its values are COCO's (checked against
 * COCO's regression data) and {@code bench/bbob.py}'s. Parameters {@code x01..}, floats in [-5, 5]; minimum fopt at
 * xopt, both drawn by the instance (for f5 a corner of the box).
 *
 * <pre>{@code
 * BbobFunction f = new BbobFunction(15, 5, 1);   // "bbob-f15-d5"
 * double regret = f.evaluate(params) - f.optimum();
 * }</pre>
 */
public final class BbobFunction implements TestFunction {

    public static final int FUNCTIONS = 24;
    /** COCO's rotations of 2009 are defined up to 44 dimensions; its suite stops at 40. */
    public static final int MAX_DIMENSION = 40;
    public static final double LOW = -5;
    public static final double HIGH = 5;

    private static final List<String> TITLES = List.of(
            "Sphere", "Ellipsoidal (separable)", "Rastrigin (separable)", "Bueche-Rastrigin", "Linear slope",
            "Attractive sector", "Step ellipsoidal", "Rosenbrock (original)", "Rosenbrock (rotated)",
            "Ellipsoidal (rotated)", "Discus", "Bent cigar", "Sharp ridge", "Different powers", "Rastrigin (rotated)",
            "Weierstrass", "Schaffers F7", "Schaffers F7 (ill-conditioned)", "Composite Griewank-Rosenbrock F8F2",
            "Schwefel x sin(x)", "Gallagher 101 peaks", "Gallagher 21 peaks", "Katsuura", "Lunacek bi-Rastrigin");

    private final int function;
    private final int dimension;
    private final int instance;
    private final String[] parameters;
    private final SearchSpace space;
    private final double fopt;
    private final Landscape landscape;

    /**
     * @throws IllegalArgumentException unless {@code 1 <= function <= 24}, {@code 2 <= dimension <= 40} and
     *                                  {@code instance >= 1}
     */
    public BbobFunction(int function, int dimension, int instance) {
        if (function < 1 || function > FUNCTIONS) {
            throw new IllegalArgumentException("BBOB has functions 1 to 24, got " + function);
        }
        if (dimension < 2 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("BBOB functions take 2 to " + MAX_DIMENSION + " dimensions here, got " + dimension);
        }
        if (instance < 1) {
            throw new IllegalArgumentException("COCO's instances start at 1, got " + instance);
        }
        this.function = function;
        this.dimension = dimension;
        this.instance = instance;
        this.parameters = new String[dimension];
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (int i = 0; i < dimension; i++) {
            parameters[i] = TestFunction.coordinate(i + 1);
            specs.put(parameters[i], new ParameterSpec.FloatRange(LOW, HIGH, false));
        }
        this.space = SearchSpace.of(specs);
        this.fopt = LegacyGenerator.fopt(function, instance);
        this.landscape = landscape(function, dimension, LegacyGenerator.seed(function, instance));
    }

    private static Landscape landscape(int function, int d, long seed) {
        return switch (function) {
            case 1 -> SeparableFunctions.sphere(d, seed);
            case 2 -> SeparableFunctions.ellipsoid(d, seed);
            case 3 -> SeparableFunctions.rastriginSeparable(d, seed);
            case 4 -> SeparableFunctions.buecheRastrigin(d, seed);
            case 5 -> SeparableFunctions.linearSlope(d, seed);
            case 6 -> ModeratelyConditionedFunctions.attractiveSector(d, seed);
            case 7 -> ModeratelyConditionedFunctions.stepEllipsoid(d, seed);
            case 8 -> ModeratelyConditionedFunctions.rosenbrockOriginal(d, seed);
            case 9 -> ModeratelyConditionedFunctions.rosenbrockRotated(d, seed);
            case 10 -> IllConditionedFunctions.ellipsoidRotated(d, seed);
            case 11 -> IllConditionedFunctions.discus(d, seed);
            case 12 -> IllConditionedFunctions.bentCigar(d, seed);
            case 13 -> IllConditionedFunctions.sharpRidge(d, seed);
            case 14 -> IllConditionedFunctions.differentPowers(d, seed);
            case 15 -> MultimodalFunctions.rastriginRotated(d, seed);
            case 16 -> MultimodalFunctions.weierstrass(d, seed);
            case 17 -> MultimodalFunctions.schaffers(d, seed, 10);
            case 18 -> MultimodalFunctions.schaffers(d, seed, 1000);
            case 19 -> MultimodalFunctions.griewankRosenbrock(d, seed);
            case 20 -> WeaklyStructuredFunctions.schwefel(d, seed);
            case 21 -> WeaklyStructuredFunctions.gallagher(d, seed, 101);
            case 22 -> WeaklyStructuredFunctions.gallagher(d, seed, 21);
            case 23 -> WeaklyStructuredFunctions.katsuura(d, seed);
            default -> WeaklyStructuredFunctions.lunacekBiRastrigin(d, seed);
        };
    }

    /** {@code bbob-f01-d2}; instances other than the suite's first add {@code -i<instance>}. */
    public static String name(int function, int dimension, int instance) {
        return String.format("bbob-f%02d-d%d", function, dimension) + (instance == 1 ? "" : "-i" + instance);
    }

    public int function() {
        return function;
    }

    public int dimension() {
        return dimension;
    }

    public int instance() {
        return instance;
    }

    @Override
    public String name() {
        return name(function, dimension, instance);
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public double optimum() {
        return fopt;
    }

    @Override
    public Map<String, Object> argmin() {
        double[] where = landscape.argmin();
        Map<String, Object> point = new LinkedHashMap<>();
        for (int i = 0; i < dimension; i++) {
            point.put(parameters[i], where[i]);
        }
        return point;
    }

    @Override
    public double evaluate(Map<String, Object> params) {
        double[] x = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            x[i] = TestFunction.number(params, parameters[i]);
        }
        return valueAt(x);
    }

    /** The value at {@code x} (COCO's way of taking a point), anywhere: outside the box too. */
    public double valueAt(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException(name() + " takes " + dimension + " coordinates, got " + x.length);
        }
        return fopt + landscape.at(x);
    }

    @Override
    public String description() {
        return String.format("BBOB f%d %s, %d-D, COCO instance %d; [-5, 5]^%d; minimum fopt = %s at xopt", function,
                TITLES.get(function - 1), dimension, instance, dimension, fopt);
    }
}
