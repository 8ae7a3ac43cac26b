package io.paretune.bench.search.functions.bbob;

import static io.paretune.bench.search.functions.bbob.LegacyGenerator.xopt;
import static io.paretune.bench.search.functions.bbob.Transforms.asymmetric;
import static io.paretune.bench.search.functions.bbob.Transforms.conditioning;
import static io.paretune.bench.search.functions.bbob.Transforms.minus;
import static io.paretune.bench.search.functions.bbob.Transforms.oscillate;
import static io.paretune.bench.search.functions.bbob.Transforms.penalty;
import static io.paretune.bench.search.functions.bbob.Transforms.position;
import static io.paretune.bench.search.functions.bbob.Transforms.powers;
import static io.paretune.bench.search.functions.bbob.Transforms.rastrigin;

/** BBOB's separable functions, f1 to f5: each coordinate can be optimized on its own. */
final class SeparableFunctions {

    private SeparableFunctions() {
    }

    /** f1: {@code ||x - xopt||²}. */
    static Landscape sphere(int d, long seed) {
        double[] o = xopt(d, seed);
        return new Landscape(x -> {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double z = x[i] - o[i];
                sum += z * z;
            }
            return sum;
        }, o);
    }

    /** f2: {@code Σ 10^(6 i/(d-1)) z_i²}, z = T_osz(x - xopt); conditioning 1e6. */
    static Landscape ellipsoid(int d, long seed) {
        double[] o = xopt(d, seed);
        double[] weights = powers(1e6, d);
        return new Landscape(x -> {
            double[] z = oscillate(minus(x, o));
            double sum = z[0] * z[0];
            for (int i = 1; i < d; i++) {
                sum += weights[i] * z[i] * z[i];
            }
            return sum;
        }, o);
    }

    /** f3: Rastrigin of {@code Λ^10 T_asy^0.2(T_osz(x - xopt))}: 10^d local minima on a regular grid. */
    static Landscape rastriginSeparable(int d, long seed) {
        double[] o = xopt(d, seed);
        double[] scale = conditioning(10, d);
        return new Landscape(x -> {
            double[] z = asymmetric(oscillate(minus(x, o)), 0.2);
            for (int i = 0; i < d; i++) {
                z[i] *= scale[i];
            }
            return rastrigin(z);
        }, o);
    }

    /**
     * f4: Rastrigin with its odd-numbered coordinates (1-based) ten times steeper on their positive side, plus
     * {@code 100 f_pen}. COCO's xopt keeps those coordinates positive, as the 2009 code did.
     */
    static Landscape buecheRastrigin(int d, long seed) {
        double[] o = xopt(d, seed);
        for (int i = 0; i < d; i += 2) {
            o[i] = Math.abs(o[i]);
        }
        double[] scale = powers(Math.sqrt(10.0), d);
        return new Landscape(x -> {
            double[] z = oscillate(minus(x, o));
            for (int i = 0; i < d; i++) {
                z[i] *= z[i] > 0 && i % 2 == 0 ? scale[i] * 10.0 : scale[i];
            }
            return rastrigin(z) + 100.0 * penalty(x);
        }, o);
    }

    /**
     * f5: a linear slope towards a corner of [-5, 5]^d (the corner on xopt's side in every coordinate), flat beyond
     * it: the minimum is that corner.
     */
    static Landscape linearSlope(int d, long seed) {
        double[] o = xopt(d, seed);
        double[] corner = new double[d];
        double[] slope = new double[d];
        for (int i = 0; i < d; i++) {
            corner[i] = o[i] < 0 ? -Transforms.BOUND : Transforms.BOUND;
            double s = Math.pow(Math.sqrt(100.0), position(i, d));
            slope[i] = o[i] > 0 ? s : -s;
        }
        return new Landscape(x -> {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double reached = x[i] * corner[i] < 25.0 ? x[i] : corner[i];
                sum += 5.0 * Math.abs(slope[i]) - slope[i] * reached;
            }
            return sum;
        }, corner);
    }
}
