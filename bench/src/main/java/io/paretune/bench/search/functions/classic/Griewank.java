package io.paretune.bench.search.functions.classic;

/**
 * Griewank: {@code Σ z_i² / 4000 - Π cos(z_i / √i) + 1} on [-600, 600]^d, a wide bowl under dense ripples; minimum 0
 * at {@code z = 0}, shifted to {@code x = s} with {@link #SHIFT}.
 */
public final class Griewank extends BoxFunction {

    /** The shift, by coordinate; {@code d} dimensions use the first {@code d}. */
    static final double[] SHIFT = {137.42, -241.86, 68.93, 312.57, -184.31, 223.68, -47.15, -296.74, 171.29, -92.63};

    public Griewank(int dimensions) {
        super("griewank-d" + dimensions, -600, 600, firstOf(SHIFT, dimensions, "Griewank"), filled(dimensions, 0), 0);
    }

    @Override
    double formula(double[] z) {
        double sum = 0;
        double product = 1;
        for (int i = 0; i < z.length; i++) {
            sum += z[i] * z[i];
            product *= Math.cos(z[i] / Math.sqrt(i + 1));
        }
        return sum / 4000 - product + 1;
    }

    @Override
    String formulaText() {
        return "Griewank " + shift().length + "-D: sum(z^2) / 4000 - prod(cos(z_i / sqrt(i))) + 1";
    }
}
