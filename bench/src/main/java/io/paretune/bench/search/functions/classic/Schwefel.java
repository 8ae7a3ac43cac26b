package io.paretune.bench.search.functions.classic;

/**
 * Schwefel 2.26: {@code 418.9829 d - Σ x_i sin(√|x_i|)} on [-500, 500]^d, whose best local minima lie far apart, the
 * global one near a corner of the box; not shifted, as its minimum is neither central nor round: each coordinate at
 * {@value #ARGMIN} (the literature's 420.9687, to double precision). The literature's constant 418.9829 is rounded,
 * so the minimum is {@code d} times {@value #EXCESS_PER_DIMENSION} rather than 0.
 */
public final class Schwefel extends BoxFunction {

    static final double ARGMIN = 420.96874635998205;
    /** {@code 418.9829 - ARGMIN sin(√ARGMIN)}, from the exact root of the derivative. */
    static final double EXCESS_PER_DIMENSION = 1.2727566293725214e-05;

    public Schwefel(int dimensions) {
        super("schwefel-d" + dimensions, -500, 500, filled(dimensions, 0), filled(dimensions, ARGMIN),
                dimensions * EXCESS_PER_DIMENSION);
    }

    @Override
    double formula(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += v * Math.sin(Math.sqrt(Math.abs(v)));
        }
        return 418.9829 * z.length - sum;
    }

    @Override
    String formulaText() {
        return "Schwefel 2.26 " + shift().length + "-D: 418.9829 d - sum(x sin(sqrt|x|))";
    }
}
