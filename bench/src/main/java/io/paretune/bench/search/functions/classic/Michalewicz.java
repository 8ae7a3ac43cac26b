package io.paretune.bench.search.functions.classic;

/**
 * Michalewicz with m = 10: {@code -Σ sin(x_i) sin^20(i x_i² / π)} on [0, π]^d, flat almost everywhere with steep narrow
 * valleys; not shifted (a shift would move other valleys into the box, and the minimum is already off-centre). Being
 * separable, its minimum is the sum of one-dimensional minima, computed to double precision: -1.8013034 for d = 2
 * at (2.2029055, 1.5707963), -4.6876582 for d = 5.
 */
public final class Michalewicz extends BoxFunction {

    /** Where coordinate i's term is minimal. */
    static final double[] ARGMIN = {2.2029055201726093, 1.5707963267948966, 1.2849915705529245, 1.9230584698663629,
            1.7204697725658413, 1.5707963267948966, 1.454413971362379, 1.7560865209450263, 1.6557174168210291,
            1.5707963267948966};
    /** Coordinate i's term at {@link #ARGMIN}. */
    static final double[] TERM_MINIMUM = {-0.8013034100985525, -1.0, -0.9590912698960059, -0.9384624184720834,
            -0.9888010806215044, -1.0, -0.9932271353558816, -0.9828720362722106, -0.9963943649251029, -1.0};

    public Michalewicz(int dimensions) {
        super("michalewicz-d" + dimensions, 0, Math.PI, filled(dimensions, 0),
                firstOf(ARGMIN, dimensions, "Michalewicz"), minimum(dimensions));
    }

    private static double minimum(int dimensions) {
        double sum = 0;
        for (int i = 0; i < dimensions; i++) {
            sum += TERM_MINIMUM[i];
        }
        return sum;
    }

    @Override
    double formula(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.sin(x[i]) * Math.pow(Math.sin((i + 1) * x[i] * x[i] / Math.PI), 20);
        }
        return -sum;
    }

    @Override
    String formulaText() {
        return "Michalewicz " + shift().length + "-D (m = 10): -sum(sin(x_i) sin^20(i x_i^2 / pi))";
    }
}
