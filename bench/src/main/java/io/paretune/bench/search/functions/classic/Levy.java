package io.paretune.bench.search.functions.classic;

/**
 * Levy: with {@code w_i = 1 + (z_i - 1) / 4}, {@code sin²(π w_1) + Σ_{i<d} (w_i - 1)² (1 + 10 sin²(π w_i + 1))
 * + (w_d - 1)² (1 + sin²(2π w_d))} on [-10, 10]^d; minimum 0 at {@code z = (1, ..., 1)}, shifted to {@code x = 1 + s}
 * with {@link #SHIFT}.
 */
public final class Levy extends BoxFunction {

    /** The shift, by coordinate; {@code d} dimensions use the first {@code d}. */
    static final double[] SHIFT = {2.3817, -4.1563, 1.2249, 5.0734, -3.4481, 3.8362, -0.7127, -5.9305, 2.9516, -1.6838};

    public Levy(int dimensions) {
        super("levy-d" + dimensions, -10, 10, firstOf(SHIFT, dimensions, "Levy"), filled(dimensions, 1), 0);
    }

    @Override
    double formula(double[] z) {
        int d = z.length;
        double first = Math.sin(Math.PI * w(z[0]));
        double sum = first * first;
        for (int i = 0; i < d - 1; i++) {
            double wi = w(z[i]);
            double s = Math.sin(Math.PI * wi + 1);
            sum += (wi - 1) * (wi - 1) * (1 + 10 * s * s);
        }
        double wd = w(z[d - 1]);
        double s = Math.sin(2 * Math.PI * wd);
        return sum + (wd - 1) * (wd - 1) * (1 + s * s);
    }

    private static double w(double z) {
        return 1 + (z - 1) / 4;
    }

    @Override
    String formulaText() {
        return "Levy " + shift().length + "-D: w = 1 + (z - 1) / 4; sin^2(pi w_1) + sum_{i<d} (w_i - 1)^2 "
                + "(1 + 10 sin^2(pi w_i + 1)) + (w_d - 1)^2 (1 + sin^2(2 pi w_d))";
    }
}
