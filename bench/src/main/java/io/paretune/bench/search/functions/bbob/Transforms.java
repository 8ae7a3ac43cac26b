package io.paretune.bench.search.functions.bbob;

/**
 * The building blocks the BBOB definitions share: T_osz and T_asy (which break the symmetry and regularity of a
 * base function), Λ^α (conditioning), f_pen (the boundary penalty), products with the instance's rotations, and the
 * Rastrigin and Rosenbrock bases. Products and sums run in COCO's order, so that values agree to the last bits
 * wherever the rounding of one step cannot be amplified by the next.
 */
final class Transforms {

    /** Beyond this bound on a coordinate, f_pen grows quadratically. */
    static final double BOUND = 5;

    private Transforms() {
    }

    /** {@code i / (d - 1)}, the position of coordinate {@code i} between the first (0) and the last (1). */
    static double position(int i, int d) {
        return (double) i / (d - 1.0);
    }

    /** {@code base^(i / (d - 1))} for every coordinate: the diagonal of BBOB's conditioning matrices. */
    static double[] powers(double base, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = Math.pow(base, position(i, d));
        }
        return out;
    }

    /** The diagonal of Λ^α: {@code α^(i / (2 (d-1)))}. */
    static double[] conditioning(double alpha, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = Math.pow(alpha, 0.5 * i / (d - 1.0));
        }
        return out;
    }

    /** T_osz on one value: smooth, oscillating around the identity, sign- and order-preserving, 0 at 0. */
    static double oscillate(double x) {
        if (x > 0) {
            double t = Math.log(x) / 0.1;
            return Math.pow(Math.exp(t + 0.49 * (Math.sin(t) + Math.sin(0.79 * t))), 0.1);
        }
        if (x < 0) {
            double t = Math.log(-x) / 0.1;
            return -Math.pow(Math.exp(t + 0.49 * (Math.sin(0.55 * t) + Math.sin(0.31 * t))), 0.1);
        }
        return 0;
    }

    static double[] oscillate(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = oscillate(x[i]);
        }
        return out;
    }

    /** T_asy^β: each positive coordinate raised to {@code 1 + β i/(d-1) √x_i}; negative ones kept. */
    static double[] asymmetric(double[] x, double beta) {
        int d = x.length;
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = x[i] > 0 ? Math.pow(x[i], 1.0 + beta * i / (d - 1.0) * Math.sqrt(x[i])) : x[i];
        }
        return out;
    }

    /** f_pen: the squared distance of {@code x} outside [-5, 5]^d. */
    static double penalty(double[] x) {
        double sum = 0;
        for (double v : x) {
            double over = Math.abs(v) - BOUND;
            if (over > 0) {
                sum += over * over;
            }
        }
        return sum;
    }

    /** {@code x - o}. */
    static double[] minus(double[] x, double[] o) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - o[i];
        }
        return out;
    }

    /** {@code m x}. */
    static double[] times(double[][] m, double[] x) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double sum = 0;
            double[] row = m[i];
            for (int j = 0; j < x.length; j++) {
                sum += x[j] * row[j];
            }
            out[i] = sum;
        }
        return out;
    }

    /** {@code r1 diag(scale) r2}: the rotated, conditioned linear map of most non-separable functions. */
    static double[][] rotateScaleRotate(double[][] r1, double[] scale, double[][] r2) {
        int d = scale.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += r1[i][k] * scale[k] * r2[k][j];
                }
                m[i][j] = sum;
            }
        }
        return m;
    }

    /** {@code factor m}. */
    static double[][] scaled(double[][] m, double factor) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }

    /** {@code Σ_i m[i][j] / divisor} for every column {@code j}: where {@code m x} is {@code 1/divisor} everywhere. */
    static double[] columnSums(double[][] m, double divisor) {
        int d = m.length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += m[i][j];
            }
            out[j] = sum / divisor;
        }
        return out;
    }

    /** Rastrigin's base {@code 10 (d - Σ cos 2π z_i) + Σ z_i²}: 0 at the origin, a local minimum at every integer point. */
    static double rastrigin(double[] z) {
        double cosines = 0;
        double squares = 0;
        for (double v : z) {
            cosines += Math.cos(2 * Math.PI * v);
            squares += v * v;
        }
        return 10.0 * (z.length - cosines) + squares;
    }

    /** Rosenbrock's base {@code Σ 100 (z_i² - z_{i+1})² + (z_i - 1)²}: 0 at (1, ..., 1). */
    static double rosenbrock(double[] z) {
        double valley = 0;
        double slope = 0;
        for (int i = 0; i < z.length - 1; i++) {
            double t = z[i] * z[i] - z[i + 1];
            valley += t * t;
            t = z[i] - 1.0;
            slope += t * t;
        }
        return 100.0 * valley + slope;
    }

    /** The factor that keeps Rosenbrock's valley of a d-dimensional box as long as in 64 dimensions. */
    static double rosenbrockScale(int d) {
        return Math.max(1.0, Math.sqrt(d) / 8.0);
    }
}
