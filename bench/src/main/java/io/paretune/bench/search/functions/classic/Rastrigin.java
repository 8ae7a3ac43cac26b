package io.paretune.bench.search.functions.classic;

/**
 * Rastrigin: {@code 10 d + Σ (z_i² - 10 cos 2π z_i)} on [-5.12, 5.12]^d, a bowl under a regular grid of local minima
 * (one near every integer point); minimum 0 at {@code z = 0}, shifted to {@code x = s} with {@link #SHIFT}.
 */
public final class Rastrigin extends BoxFunction {

    /** The shift, by coordinate; {@code d} dimensions use the first {@code d}. */
    static final double[] SHIFT = {1.2785, -2.4316, 0.6921, 3.1547, -1.8764, 2.2093, -0.4538, -3.0271, 1.7409, -0.9152};

    public Rastrigin(int dimensions) {
        super("rastrigin-d" + dimensions, -5.12, 5.12, firstOf(SHIFT, dimensions, "Rastrigin"),
                filled(dimensions, 0), 0);
    }

    @Override
    double formula(double[] z) {
        double sum = 10.0 * z.length;
        for (double v : z) {
            sum += v * v - 10 * Math.cos(2 * Math.PI * v);
        }
        return sum;
    }

    @Override
    String formulaText() {
        return "Rastrigin " + shift().length + "-D: 10 d + sum(z^2 - 10 cos(2 pi z))";
    }
}
