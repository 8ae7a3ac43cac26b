package io.paretune.bench.search.functions.bbob;

import static io.paretune.bench.search.functions.bbob.LegacyGenerator.rotation;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.xopt;
import static io.paretune.bench.search.functions.bbob.Transforms.asymmetric;
import static io.paretune.bench.search.functions.bbob.Transforms.minus;
import static io.paretune.bench.search.functions.bbob.Transforms.oscillate;
import static io.paretune.bench.search.functions.bbob.Transforms.powers;
import static io.paretune.bench.search.functions.bbob.Transforms.rotateScaleRotate;
import static io.paretune.bench.search.functions.bbob.Transforms.times;

/** BBOB's unimodal functions with high conditioning, f10 to f14. */
final class IllConditionedFunctions {

    private IllConditionedFunctions() {
    }

    /** f10: f2's ellipsoid after a rotation: {@code Σ 10^(6 i/(d-1)) z_i²}, z = T_osz(R (x - xopt)). */
    static Landscape ellipsoidRotated(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r = rotation(d, seed + 1000000);
        double[] weights = powers(1e6, d);
        return new Landscape(x -> {
            double[] z = oscillate(times(r, minus(x, o)));
            double sum = z[0] * z[0];
            for (int i = 1; i < d; i++) {
                sum += weights[i] * z[i] * z[i];
            }
            return sum;
        }, o);
    }

    /** f11: one direction 1000 times steeper than the others: {@code 10^6 z_1² + Σ_{i>1} z_i²}. */
    static Landscape discus(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r = rotation(d, seed + 1000000);
        return new Landscape(x -> {
            double[] z = oscillate(times(r, minus(x, o)));
            double sum = 1.0e6 * z[0] * z[0];
            for (int i = 1; i < d; i++) {
                sum += z[i] * z[i];
            }
            return sum;
        }, o);
    }

    /**
     * f12: one direction 1000 times flatter than the others: {@code z_1² + 10^6 Σ_{i>1} z_i²},
     * z = R T_asy^0.5(R (x - xopt)). COCO draws this function's xopt from the rotation's seed.
     */
    static Landscape bentCigar(int d, long seed) {
        double[] o = xopt(d, seed + 1000000);
        double[][] r = rotation(d, seed + 1000000);
        return new Landscape(x -> {
            double[] z = times(r, asymmetric(times(r, minus(x, o)), 0.5));
            double sum = z[0] * z[0];
            for (int i = 1; i < d; i++) {
                sum += 1.0e6 * z[i] * z[i];
            }
            return sum;
        }, o);
    }

    /** f13: {@code z_1² + 100 sqrt(Σ_{i>1} z_i²)}: a ridge whose edge is not differentiable. */
    static Landscape sharpRidge(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] m = rotateScaleRotate(rotation(d, seed + 1000000), powers(Math.sqrt(10), d), rotation(d, seed));
        return new Landscape(x -> {
            double[] z = times(m, minus(x, o));
            double sum = 0;
            for (int i = 1; i < d; i++) {
                sum += z[i] * z[i];
            }
            return 100.0 * Math.sqrt(sum) + z[0] * z[0];
        }, o);
    }

    /** f14: {@code sqrt(Σ |z_i|^(2 + 4 i/(d-1)))}: sensitivities that differ more and more near the optimum. */
    static Landscape differentPowers(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r = rotation(d, seed + 1000000);
        double[] exponents = new double[d];
        for (int i = 0; i < d; i++) {
            exponents[i] = 2.0 + 4.0 * i / (d - 1.0);
        }
        return new Landscape(x -> {
            double[] z = times(r, minus(x, o));
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += Math.pow(Math.abs(z[i]), exponents[i]);
            }
            return Math.sqrt(sum);
        }, o);
    }
}
