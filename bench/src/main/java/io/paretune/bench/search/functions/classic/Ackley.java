package io.paretune.bench.search.functions.classic;

/**
 * Ackley: {@code -20 exp(-0.2 √(Σ z_i² / d)) - exp(Σ cos(2π z_i) / d) + 20 + e} on [-32.768, 32.768]^d, nearly flat
 * far out with a narrow funnel in the middle; minimum 0 at {@code z = 0}, shifted to {@code x = s} with {@link #SHIFT}.
 */
public final class Ackley extends BoxFunction {

    /** The shift, by coordinate; {@code d} dimensions use the first {@code d}. */
    static final double[] SHIFT = {7.4318, -12.6951, 3.8827, 15.2364, -9.1473, 11.0586, -2.7619, -16.4402, 8.9135, -5.3248};

    public Ackley(int dimensions) {
        super("ackley-d" + dimensions, -32.768, 32.768, firstOf(SHIFT, dimensions, "Ackley"), filled(dimensions, 0), 0);
    }

    @Override
    double formula(double[] z) {
        double squares = 0;
        double cosines = 0;
        for (double v : z) {
            squares += v * v;
            cosines += Math.cos(2 * Math.PI * v);
        }
        return -20 * Math.exp(-0.2 * Math.sqrt(squares / z.length)) - Math.exp(cosines / z.length) + 20 + Math.E;
    }

    @Override
    String formulaText() {
        return "Ackley " + shift().length + "-D: -20 exp(-0.2 sqrt(sum(z^2) / d)) - exp(sum(cos(2 pi z)) / d) + 20 + e";
    }
}
