package io.paretune.bench.search.functions.bbob;

import java.util.Arrays;
import java.util.Comparator;

import static io.paretune.bench.search.functions.bbob.LegacyGenerator.gaussian;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.rotation;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.uniform;
import static io.paretune.bench.search.functions.bbob.LegacyGenerator.xopt;
import static io.paretune.bench.search.functions.bbob.Transforms.minus;
import static io.paretune.bench.search.functions.bbob.Transforms.oscillate;
import static io.paretune.bench.search.functions.bbob.Transforms.penalty;
import static io.paretune.bench.search.functions.bbob.Transforms.powers;
import static io.paretune.bench.search.functions.bbob.Transforms.rotateScaleRotate;
import static io.paretune.bench.search.functions.bbob.Transforms.times;

/** BBOB's multi-modal functions with a weak global structure, f20 to f24. */
final class WeaklyStructuredFunctions {

    /** Where {@code -x sin(sqrt|x|)} is least on [-500, 500], divided by 100 (the function's scale). */
    private static final double SCHWEFEL_OPTIMUM = 4.2096874637;
    /** {@code max x sin(sqrt|x|)} on [-500, 500], which f20 subtracts so that its minimum is 0. */
    private static final double SCHWEFEL_MAXIMUM = 418.9828872724339;
    private static final int KATSUURA_TERMS = 32;

    private WeaklyStructuredFunctions() {
    }

    /**
     * f20: Schwefel's {@code -1/(100 d) Σ z_i sin(sqrt|z_i|)} (plus a penalty beyond |z_i| = 500) on a scaled,
     * conditioned and sheared copy of x whose signs follow xopt: the best local minimum is far from the next best,
     * at the box's edge. Its xopt (±2.1048) is the minimum of the 1-D term to ten digits; the value there exceeds
     * fopt by about 1e-15.
     */
    static Landscape schwefel(int d, long seed) {
        double[] signs = new double[d];
        double[] o = new double[d];
        double[] twice = new double[d];
        double[] u = uniform(d, seed);
        for (int i = 0; i < d; i++) {
            signs[i] = u[i] < 0.5 ? -1 : 1;
            o[i] = signs[i] * 0.5 * SCHWEFEL_OPTIMUM;
            twice[i] = 2 * Math.abs(o[i]);
        }
        double[] scale = Transforms.conditioning(10, d);
        return new Landscape(x -> {
            double[] xHat = new double[d];
            for (int i = 0; i < d; i++) {
                xHat[i] = 2 * (signs[i] < 0 ? -x[i] : x[i]);
            }
            double pen = 0;
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double zHat = i == 0 ? xHat[0] : xHat[i] + 0.25 * (xHat[i - 1] - twice[i - 1]);
                double z = 100 * (scale[i] * (zHat - twice[i]) - (-twice[i]));
                double over = Math.abs(z) - 500.0;
                if (over > 0) {
                    pen += over * over;
                }
                sum += z * Math.sin(Math.sqrt(Math.abs(z)));
            }
            return 0.01 * (pen + SCHWEFEL_MAXIMUM - sum / d);
        }, o);
    }

    /**
     * f21 (101 peaks) and f22 (21 peaks): Gallagher's peaks, {@code T_osz(10 - max_i w_i exp(-1/(2d) (x - y_i)^T
     * R^T C_i R (x - y_i)))² + f_pen}: randomly placed, shaped and weighted, the highest (weight 10) at xopt.
     */
    static Landscape gallagher(int d, long seed, int peaks) {
        boolean many = peaks == 101;
        double firstCondition = many ? Math.sqrt(1000.0) : 1000.0;
        double spread = many ? 10.0 : 9.8;
        double centre = many ? 5.0 : 4.9;
        double[][] r = rotation(d, seed);

        int[] order = argsort(uniform(peaks - 1, seed));
        double[] conditions = new double[peaks];
        double[] heights = new double[peaks];
        conditions[0] = firstCondition;
        heights[0] = 10;
        for (int i = 1; i < peaks; i++) {
            conditions[i] = Math.pow(1000.0, order[i - 1] / (peaks - 2.0));
            heights[i] = (double) (i - 1) / (double) (peaks - 2) * (9.1 - 1.1) + 1.1;
        }
        double[][] scales = new double[peaks][d];
        for (int i = 0; i < peaks; i++) {
            int[] axes = argsort(uniform(d, seed + 1000L * i));
            for (int j = 0; j < d; j++) {
                scales[i][j] = Math.pow(conditions[i], axes[j] / (d - 1.0) - 0.5);
            }
        }
        double[] u = uniform(d * peaks, seed);
        double[] o = new double[d];
        double[][] peaksRotated = new double[peaks][d];
        for (int i = 0; i < d; i++) {
            o[i] = 0.8 * (spread * u[i] - centre);
            for (int j = 0; j < peaks; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += r[i][k] * (spread * u[j * d + k] - centre);
                }
                peaksRotated[j][i] = j == 0 ? sum * 0.8 : sum;
            }
        }
        double exponentFactor = -0.5 / d;
        return new Landscape(x -> {
            double[] rx = times(r, x);
            double best = 0;
            for (int i = 0; i < peaks; i++) {
                double[] peak = peaksRotated[i];
                double[] scale = scales[i];
                double distance = 0;
                for (int j = 0; j < d; j++) {
                    double t = rx[j] - peak[j];
                    distance += scale[j] * t * t;
                }
                best = Math.max(best, heights[i] * Math.exp(exponentFactor * distance));
            }
            double f = oscillate(10.0 - best);
            return f * f + penalty(x);
        }, o);
    }

    /** The indices of {@code values} from its least to its greatest. */
    private static int[] argsort(double[] values) {
        return Arrays.stream(boxedIndices(values.length)).sorted(Comparator.comparingDouble(i -> values[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static Integer[] boxedIndices(int n) {
        Integer[] out = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * f23: Katsuura, {@code 10/d² (Π_i (1 + i Σ_{j=1}^{32} |2^j z_i - round(2^j z_i)| / 2^j)^(10/d^1.2) - 1) + f_pen}:
     * continuous, nowhere differentiable, rugged at every scale.
     */
    static Landscape katsuura(int d, long seed) {
        double[] o = xopt(d, seed);
        double[][] m = rotateScaleRotate(rotation(d, seed + 1000000), powers(Math.sqrt(100), d), rotation(d, seed));
        double exponent = 10. / Math.pow(d, 1.2);
        double[] scales = new double[KATSUURA_TERMS + 1];
        for (int j = 1; j <= KATSUURA_TERMS; j++) {
            scales[j] = Math.pow(2., j);
        }
        return new Landscape(x -> {
            double[] z = times(m, minus(x, o));
            double product = 1.0;
            for (int i = 0; i < d; i++) {
                double sum = 0;
                for (int j = 1; j <= KATSUURA_TERMS; j++) {
                    sum += Math.abs(scales[j] * z[i] - Math.floor(scales[j] * z[i] + 0.5)) / scales[j];
                }
                product *= Math.pow(1.0 + (i + 1.0) * sum, exponent);
            }
            return 10. / d / d * (-1. + product) + penalty(x);
        }, o);
    }

    /**
     * f24: Lunacek's bi-Rastrigin, {@code min(Σ (x̂_i - μ0)², d + s Σ (x̂_i - μ1)²) + 10 (d - Σ cos 2π z_i) + 10^4
     * f_pen}: two funnels, the better one (at xopt = ±μ0/2) narrower than the other, covered with Rastrigin's bumps.
     */
    static Landscape lunacekBiRastrigin(int d, long seed) {
        double mu0 = 2.5;
        double s = 1. - 0.5 / (Math.sqrt(d + 20.0) - 4.1);
        double mu1 = -Math.sqrt((mu0 * mu0 - 1.) / s);
        double[] g = gaussian(d, seed);
        double[] o = new double[d];
        for (int i = 0; i < d; i++) {
            o[i] = g[i] < 0 ? -0.5 * mu0 : 0.5 * mu0;
        }
        double[][] r1 = rotation(d, seed + 1000000);
        double[][] r2 = rotation(d, seed);
        double[] stretch = powers(Math.sqrt(100.), d);
        return new Landscape(x -> {
            double[] xHat = new double[d];
            for (int i = 0; i < d; i++) {
                xHat[i] = o[i] < 0 ? -(2. * x[i]) : 2. * x[i];
            }
            double[] stretched = new double[d];
            for (int i = 0; i < d; i++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += stretch[i] * r2[i][j] * (xHat[j] - mu0);
                }
                stretched[i] = sum;
            }
            double[] z = times(r1, stretched);
            double near = 0;
            double far = 0;
            double cosines = 0;
            for (int i = 0; i < d; i++) {
                near += (xHat[i] - mu0) * (xHat[i] - mu0);
                far += (xHat[i] - mu1) * (xHat[i] - mu1);
                cosines += Math.cos(2 * Math.PI * z[i]);
            }
            return Math.min(near, 1. * d + s * far) + 10. * (d - cosines) + 1e4 * penalty(x);
        }, o);
    }
}
