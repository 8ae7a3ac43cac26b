package io.paretune.bench.search.functions.bbob;

import static io.paretune.bench.search.functions.bbob.LegacyGenerator.rotation;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.xopt;
import static io.paretune.bench.search.functions.bbob.Transforms.minus;
import static io.paretune.bench.search.functions.bbob.Transforms.oscillate;
import static io.paretune.bench.search.functions.bbob.Transforms.penalty;
import static io.paretune.bench.search.functions.bbob.Transforms.position;
import static io.paretune.bench.search.functions.bbob.Transforms.powers;
import static io.paretune.bench.search.functions.bbob.Transforms.rosenbrock;
import static io.paretune.bench.search.functions.bbob.Transforms.rosenbrockScale;
import static io.paretune.bench.search.functions.bbob.Transforms.rotateScaleRotate;
import static io.paretune.bench.search.functions.bbob.Transforms.times;

/** BBOB's unimodal functions with low or moderate conditioning, f6 to f9. */
final class ModeratelyConditionedFunctions {

    private ModeratelyConditionedFunctions() {
    }

    /**
     * f6: a quadratic 10^4 times steeper in the orthant (after rotation) that holds xopt, oscillated, to the power
     * 0.9: the optimum sits at the tip of a cone-shaped sector.
     */
    static Landscape attractiveSector(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] m = rotateScaleRotate(rotation(d, seed + 1000000), powers(Math.sqrt(10.0), d), rotation(d, seed));
        return new Landscape(x -> {
            double[] z = times(m, minus(x, o));
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += (o[i] * z[i] > 0 ? 100.0 * 100.0 : 1.0) * z[i] * z[i];
            }
            return Math.pow(oscillate(sum), 0.9);
        }, o);
    }

    /**
     * f7: a rotated ellipsoid on a staircase (coordinates rounded to integers, or to tenths near 0) with a slight
     * slope along the first coordinate so that every step falls somewhere, plus f_pen.
     */
    static Landscape stepEllipsoid(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] r1 = rotation(d, seed + 1000000);
        double[][] r2 = rotation(d, seed);
        double[] stretch = new double[d];
        double[] weights = powers(100, d);
        for (int i = 0; i < d; i++) {
            stretch[i] = Math.sqrt(Math.pow(10, position(i, d)));
        }
        return new Landscape(x -> {
            double[] shifted = minus(x, o);
            double[] rounded = new double[d];
            double first = 0;
            for (int i = 0; i < d; i++) {
                double zHat = 0;
                for (int j = 0; j < d; j++) {
                    zHat += stretch[i] * r2[i][j] * shifted[j];
                }
                if (i == 0) {
                    first = zHat;
                }
                rounded[i] = Math.abs(zHat) > 0.5 ? Math.floor(zHat + 0.5) : Math.floor(10.0 * zHat + 0.5) / 10.0;
            }
            double[] z = times(r1, rounded);
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += weights[i] * z[i] * z[i];
            }
            return 0.1 * Math.max(Math.abs(first) * 1.0e-4, sum) + penalty(x);
        }, o);
    }

    /** f8: Rosenbrock, shifted so that its optimum (1, ..., 1) lands on xopt (three quarters of the usual draw). */
    static Landscape rosenbrockOriginal(int d, long seed) {
        double[] o = xopt(d, seed);
        for (int i = 0; i < d; i++) {
            o[i] *= 0.75;
        }
        double factor = rosenbrockScale(d);
        return new Landscape(x -> {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = factor * (x[i] - o[i]) + 1.0;
            }
            return rosenbrock(z);
        }, o);
    }

    /** f9: Rosenbrock of {@code c R x + 1/2}; its optimum is where that is (1, ..., 1): {@code R^T (1/(2c), ...)}. */
    static Landscape rosenbrockRotated(int d, long seed) {
        double[][] r = rotation(d, seed);
        double factor = rosenbrockScale(d);
        double[][] m = Transforms.scaled(r, factor);
        return new Landscape(x -> {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                double sum = 0.5;
                for (int j = 0; j < d; j++) {
                    sum += x[j] * m[i][j];
                }
                z[i] = sum;
            }
            return rosenbrock(z);
        }, Transforms.columnSums(r, 2.0 * factor));
    }
}
