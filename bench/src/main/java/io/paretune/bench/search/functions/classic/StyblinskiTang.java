package io.paretune.bench.search.functions.classic;

/**
 * Styblinski–Tang: {@code Σ (z_i⁴ - 16 z_i² + 5 z_i) / 2} on [-5, 5]^d, two minima per coordinate (the global one at
 * {@value #ARGMIN}, a local one at 2.7468), so 2^d local minima; shifted by {@link #SHIFT}, whose coordinates keep
 * both of each coordinate's minima inside the box. Minimum {@code d} times {@value #MINIMUM_PER_DIMENSION} at
 * {@code x = ARGMIN + s}.
 */
public final class StyblinskiTang extends BoxFunction {

    /** The root of {@code 4 z³ - 32 z + 5} near -2.9035, to double precision. */
    static final double ARGMIN = -2.903534027771177;
    static final double MINIMUM_PER_DIMENSION = -39.166165703771415;
    /** The shift, by coordinate; {@code d} dimensions use the first {@code d}. */
    static final double[] SHIFT = {1.4172, -0.8365, 2.0518, 0.3741, -1.6293, 1.1827, -0.2954, 1.8836, -1.2109, 0.7463};

    public StyblinskiTang(int dimensions) {
        super("styblinski-tang-d" + dimensions, -5, 5, firstOf(SHIFT, dimensions, "Styblinski-Tang"),
                filled(dimensions, ARGMIN), dimensions * MINIMUM_PER_DIMENSION);
    }

    @Override
    double formula(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += v * v * v * v - 16 * v * v + 5 * v;
        }
        return sum / 2;
    }

    @Override
    String formulaText() {
        return "Styblinski-Tang " + shift().length + "-D: sum(z^4 - 16 z^2 + 5 z) / 2";
    }
}
