package io.paretune.bench.search.functions.bbob;

/**
 * The pseudo-random generator BBOB 2009 drew its instances with, which COCO keeps so that instance {@code i} of a
 * function is the same problem in every COCO version and language: a Park-Miller generator behind a shuffle table,
 * Box-Muller for Gaussian numbers, Gram-Schmidt for rotations. Every function of an instance draws from the seed
 * {@code function + 10000 instance} (f4 and f18 from those of f3 and f17).
 */
final class LegacyGenerator {

    private static final long MODULUS = 2147483647L;

    private LegacyGenerator() {
    }

    /** The seed a function's instance draws its xopt, rotations and peaks from. */
    static long seed(int function, int instance) {
        return sibling(function) + 10000L * instance;
    }

    /** f4 and f18 reuse the draws of f3 and f17: they are variants of those. */
    private static int sibling(int function) {
        return function == 4 ? 3 : function == 18 ? 17 : function;
    }

    /** {@code n} numbers in (0, 1). */
    static double[] uniform(int n, long seed) {
        long state = Math.max(1, Math.abs(seed));
        long[] table = new long[32];
        for (int i = 39; i >= 0; i--) {
            state = next(state);
            if (i < 32) {
                table[i] = state;
            }
        }
        long current = table[0];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            state = next(state);
            int slot = (int) (current / 67108865L);
            current = table[slot];
            table[slot] = state;
            out[i] = current / 2.147483647e9;
            if (out[i] == 0) {
                out[i] = 1e-99;
            }
        }
        return out;
    }

    /** Park-Miller's minimal standard step, in Schrage's overflow-free form. */
    private static long next(long state) {
        long q = state / 127773L;
        long s = 16807L * (state - q * 127773L) - 2836L * q;
        return s < 0 ? s + MODULUS : s;
    }

    /** {@code n} standard normal numbers: Box-Muller on 2n uniform ones, the first n giving radii, the last angles. */
    static double[] gaussian(int n, long seed) {
        double[] u = uniform(2 * n, seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.sqrt(-2 * Math.log(u[i])) * Math.cos(2 * Math.PI * u[n + i]);
            if (out[i] == 0) {
                out[i] = 1e-99;
            }
        }
        return out;
    }

    /** An orthogonal {@code d × d} matrix: Gram-Schmidt on the columns of a Gaussian matrix filled column-major. */
    static double[][] rotation(int d, long seed) {
        double[] g = gaussian(d * d, seed);
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b[i][j] = g[j * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double prod = 0;
                for (int k = 0; k < d; k++) {
                    prod += b[k][i] * b[k][j];
                }
                for (int k = 0; k < d; k++) {
                    b[k][i] -= prod * b[k][j];
                }
            }
            double prod = 0;
            for (int k = 0; k < d; k++) {
                prod += b[k][i] * b[k][i];
            }
            double norm = Math.sqrt(prod);
            for (int k = 0; k < d; k++) {
                b[k][i] /= norm;
            }
        }
        return b;
    }

    /** The usual optimum location: uniform in [-4, 4]^d on a grid of 8e-4, never exactly 0 (signs matter). */
    static double[] xopt(int d, long seed) {
        double[] out = uniform(d, seed);
        for (int i = 0; i < d; i++) {
            out[i] = 8 * Math.floor(1e4 * out[i]) / 1e4 - 4;
            if (out[i] == 0) {
                out[i] = -1e-5;
            }
        }
        return out;
    }

    /** The optimum's value: 100 times a ratio of two Gaussians, rounded to 0.01 and clipped to [-1000, 1000]. */
    static double fopt(int function, int instance) {
        long seed = seed(function, instance);
        double numerator = gaussian(1, seed)[0];
        double denominator = gaussian(1, seed + 1)[0];
        return Math.min(1000, Math.max(-1000, Math.floor(100.0 * 100.0 * numerator / denominator + 0.5) / 100.0));
    }
}
