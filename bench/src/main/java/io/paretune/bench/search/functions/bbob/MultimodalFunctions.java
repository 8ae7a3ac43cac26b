package io.paretune.bench.search.functions.bbob;

import static io.paretune.bench.search.functions.bbob.LegacyGenerator.rotation;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.xopt;
import static io.paretune.bench.search.functions.bbob.Transforms.asymmetric;
import static io.paretune.bench.search.functions.bbob.Transforms.minus;
import static io.paretune.bench.search.functions.bbob.Transforms.oscillate;
import static io.paretune.bench.search.functions.bbob.Transforms.penalty;
import static io.paretune.bench.search.functions.bbob.Transforms.position;
import static io.paretune.bench.search.functions.bbob.Transforms.powers;
import static io.paretune.bench.search.functions.bbob.Transforms.rastrigin;
import static io.paretune.bench.search.functions.bbob.Transforms.rosenbrockScale;
import static io.paretune.bench.search.functions.bbob.Transforms.rotateScaleRotate;
import static io.paretune.bench.search.functions.bbob.Transforms.times;

/** BBOB's multi-modal functions with an adequate global structure, f15 to f19. */
final class MultimodalFunctions {

    /** Weierstrass' 12 terms: amplitudes 1/2^k and frequencies 3^k. */
    private static final int TERMS = 12;
    private static final double[] AMPLITUDES = new double[TERMS];
    private static final double[] FREQUENCIES = new double[TERMS];
    /** Weierstrass' sum at its minimum, which the function subtracts: {@code Σ 2^-k cos(π 3^k)}. */
    private static final double WEIERSTRASS_MINIMUM;

    static {
        double f0 = 0;
        for (int k = 0; k < TERMS; k++) {
            AMPLITUDES[k] = Math.pow(0.5, k);
            FREQUENCIES[k] = Math.pow(3.0, k);
            f0 += AMPLITUDES[k] * Math.cos(2 * Math.PI * FREQUENCIES[k] * 0.5);
        }
        WEIERSTRASS_MINIMUM = f0;
    }

    private MultimodalFunctions() {
    }

    /** f15: Rastrigin of {@code R Λ^10 Q T_asy^0.2(T_osz(R (x - xopt)))}: f3's grid, rotated and irregular. */
    static Landscape rastriginRotated(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r1 = rotation(d, seed + 1000000);
        double[][] m = rotateScaleRotate(r1, powers(Math.sqrt(10), d), rotation(d, seed));
        return new Landscape(x -> rastrigin(times(m, asymmetric(oscillate(times(r1, minus(x, o))), 0.2))), o);
    }

    /**
     * f16: Weierstrass, {@code 10 (1/d Σ_i Σ_k 2^-k cos(2π 3^k (z_i + 1/2)) - f0)³ + 10/d f_pen}: rugged everywhere,
     * repetitive, with more than one global optimum (xopt is one of them).
     */
    static Landscape weierstrass(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r1 = rotation(d, seed + 1000000);
        double[][] m = rotateScaleRotate(r1, powers(1.0 / Math.sqrt(100.0), d), rotation(d, seed));
        double penaltyFactor = 10.0 / d;
        return new Landscape(x -> {
            double[] z = times(m, oscillate(times(r1, minus(x, o))));
            double sum = 0;
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < TERMS; k++) {
                    sum += Math.cos(2 * Math.PI * (z[i] + 0.5) * FREQUENCIES[k]) * AMPLITUDES[k];
                }
            }
            return 10.0 * Math.pow(sum / d - WEIERSTRASS_MINIMUM, 3.0) + penaltyFactor * penalty(x);
        }, o);
    }

    /**
     * f17 (condition 10) and f18 (condition 1000): Schaffers' F7,
     * {@code (1/(d-1) Σ s_i^(1/4) (1 + sin²(50 s_i^(1/10))))² + 10 f_pen} with {@code s_i = z_i² + z_{i+1}²}:
     * ripples whose amplitude and frequency grow away from the optimum.
     */
    static Landscape schaffers(int d, long seed, double condition) {
        double[] o = xopt(d, seed);
        double[][] r1 = rotation(d, seed + 1000000);
        double[][] r2 = rotation(d, seed);
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            double scale = Math.pow(Math.sqrt(condition), position(i, d));
            for (int j = 0; j < d; j++) {
                m[i][j] = r2[i][j] * scale;
            }
        }
        return new Landscape(x -> {
            double[] z = times(m, asymmetric(times(r1, minus(x, o)), 0.5));
            double sum = 0;
            for (int i = 0; i < d - 1; i++) {
                double s = z[i] * z[i] + z[i + 1] * z[i + 1];
                sum += Math.pow(s, 0.25) * (1.0 + Math.pow(Math.sin(50.0 * Math.pow(s, 0.1)), 2.0));
            }
            return Math.pow(sum / (d - 1.0), 2.0) + 10.0 * penalty(x);
        }, o);
    }

    /**
     * f19: Griewank's function of Rosenbrock's terms, {@code 10 + 10/(d-1) Σ (s_i/4000 - cos s_i)} with
     * {@code s_i = 100 (z_i² - z_{i+1})² + (z_i - 1)²}, {@code z = c R x + 1/2}; minimum where z = (1, ..., 1).
     */
    static Landscape griewankRosenbrock(int d, long seed) {
        double[][] r = rotation(d, seed);
        double factor = rosenbrockScale(d);
        double[][] m = Transforms.scaled(r, factor);
        return new Landscape(x -> {
            double[] z = times(m, x);
            for (int i = 0; i < d; i++) {
                z[i] += 0.5;
            }
            double sum = 0;
            for (int i = 0; i < d - 1; i++) {
                double valley = z[i] * z[i] - z[i + 1];
                double slope = 1.0 - z[i];
                double s = 100.0 * valley * valley + slope * slope;
                sum += s / 4000. - Math.cos(s);
            }
            return 10.0 + 10.0 * sum / (d - 1);
        }, Transforms.columnSums(r, 2.0 * factor));
    }
}
