package io.paretune.controller.search.tpe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The multivariate Parzen estimator (Optuna 3.1's {@code _ParzenEstimator} with {@code multivariate=True}, after
 * BOHB): one kernel per observed trial over all its dimensions at once, a product of a truncated Gaussian per numeric
 * dimension and a smoothed indicator per categorical one, plus a prior kernel. Numeric bandwidths follow Scott's rule,
 * f · n^(−1/(d+4)) · range, within the magic clip (Optuna: f = 0.2, clip range / min(100, 1 + kernels); {@code tpe}'s
 * defaults narrow both, see {@link TpeOptions#TPE}); the prior kernel sits at the centre with the range as bandwidth.
 * <p>
 * Each call evaluates every kernel for every candidate, so the work per kernel is kept to a few multiplications:
 * truncation masses are computed once per kernel, and for stepped integers the mass of a value under a kernel
 * depends only on their distance in steps, which is tabulated as it is first needed.
 */
final class JointParzen {

    private static final double NEGLIGIBLE = 50;
    private static final double FAR = 40;
    /** Stepped integer ranges up to this many values get a table of masses by distance. */
    private static final long TABLE_LIMIT = 1 << 16;

    private final Dimension[] dims;
    private final int kernels;
    private final double[] logWeight;
    private final double[] cumulativeWeight;
    // Numeric dimensions, [dimension][kernel]; the prior kernel is the last.
    private final double[][] mu;
    private final double[] sigma;
    private final double[] priorSigma;
    /**
     * Continuous: −log √(2π) − log truncation mass, without the −log σ of a normal density, as Optuna 3.1 (see
     * {@link NumericParzen}). Discrete: −log truncation mass.
     */
    private final double[][] constant;
    private final int[][] grid;
    private final double[][] massByDistance;
    // Categorical dimensions.
    private final int[][] choice;
    private final double[] smoothing;
    private final double[] logHit;
    private final double[] logMiss;
    private final double[] scratch;

    private JointParzen(Dimension[] dims, int kernels) {
        int d = dims.length;
        this.dims = dims;
        this.kernels = kernels;
        this.logWeight = new double[kernels];
        this.cumulativeWeight = new double[kernels];
        this.mu = new double[d][];
        this.sigma = new double[d];
        this.priorSigma = new double[d];
        this.constant = new double[d][];
        this.grid = new int[d][];
        this.massByDistance = new double[d][];
        this.choice = new int[d][];
        this.smoothing = new double[d];
        this.logHit = new double[d];
        this.logMiss = new double[d];
        this.scratch = new double[kernels];
    }

    /**
     * Fits the estimator to {@code n} observed trials: {@code values[dimension][trial]} in each dimension's space,
     * chronological, with their unnormalized weights, plus the prior kernel weighing {@code priorWeight}; numeric
     * bandwidths {@code bandwidthFactor} · n^(−1/(d+4)) · range, at least range / min(100, (1 + kernels)^clipExponent).
     * Optuna 3.1 is {@code bandwidthFactor} 0.2, {@code clipExponent} 1.
     */
    static JointParzen fit(Dimension[] dims, double[][] values, double[] weights, int n, double priorWeight,
                           double bandwidthFactor, double clipExponent) {
        int kernels = n + 1;
        JointParzen p = new JointParzen(dims, kernels);
        double total = priorWeight;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        double cumulative = 0;
        for (int j = 0; j < kernels; j++) {
            double w = (j == n ? priorWeight : weights[j]) / total;
            p.logWeight[j] = Math.log(w);
            cumulative += w;
            p.cumulativeWeight[j] = cumulative;
        }
        double scott = bandwidthFactor * Math.pow(Math.max(n, 1), -1.0 / (dims.length + 4));
        for (int k = 0; k < dims.length; k++) {
            if (dims[k].categorical()) {
                p.fitCategorical(k, values[k], n, priorWeight);
            } else {
                p.fitNumeric(k, values[k], n, scott, clipExponent);
            }
        }
        return p;
    }

    private void fitNumeric(int k, double[] values, int n, double scott, double clipExponent) {
        NumericDomain domain = dims[k].numeric;
        double range = domain.high - domain.low;
        double minSigma = range / Math.min(100.0, clipExponent == 1 ? 1.0 + kernels : Math.pow(1.0 + kernels, clipExponent));
        double s = Math.min(range, Math.max(minSigma, scott * range));
        sigma[k] = s;
        priorSigma[k] = range;
        double[] m = Arrays.copyOf(values, kernels);
        m[n] = 0.5 * (domain.low + domain.high);
        mu[k] = m;
        double[] c = new double[kernels];
        if (domain.discrete() && domain.gridSize() <= TABLE_LIMIT) {
            // Kernels share σ and sit on the grid: their truncation mass depends only on their grid position.
            int size = (int) domain.gridSize();
            int[] g = new int[n];
            double[] acceptByGrid = filled(size);
            for (int j = 0; j < n; j++) {
                g[j] = domain.gridIndex(m[j]);
                if (Double.isNaN(acceptByGrid[g[j]])) {
                    acceptByGrid[g[j]] = NumericParzen.logAccept(domain, m[j], s);
                }
                c[j] = -acceptByGrid[g[j]];
            }
            grid[k] = g;
            massByDistance[k] = filled(2 * size - 1);
            c[n] = -NumericParzen.logAccept(domain, m[n], range);
        } else if (domain.discrete()) {
            for (int j = 0; j < n; j++) {
                c[j] = -NumericParzen.logAccept(domain, m[j], s);
            }
            c[n] = -NumericParzen.logAccept(domain, m[n], range);
        } else {
            for (int j = 0; j < n; j++) {
                c[j] = -Gaussian.LOG_SQRT_2PI - NumericParzen.logAccept(domain, m[j], s);
            }
            c[n] = -Gaussian.LOG_SQRT_2PI - NumericParzen.logAccept(domain, m[n], range);
        }
        constant[k] = c;
    }

    private static double[] filled(int size) {
        double[] a = new double[size];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private void fitCategorical(int k, double[] values, int n, double priorWeight) {
        int[] c = new int[n];
        for (int j = 0; j < n; j++) {
            c[j] = (int) values[j];
        }
        choice[k] = c;
        double v = priorWeight / (n + 1);
        double rowTotal = 1 + dims[k].choices.size() * v;
        smoothing[k] = v;
        logHit[k] = Math.log((1 + v) / rowTotal);
        logMiss[k] = Math.log(v / rowTotal);
    }

    /** A draw from the mixture: one value per dimension, each a value of its dimension, in its space. */
    double[] sample(SplittableRandom random) {
        double u = random.nextDouble() * cumulativeWeight[kernels - 1];
        int j = Arrays.binarySearch(cumulativeWeight, u);
        j = j >= 0 ? Math.min(j + 1, kernels - 1) : -j - 1;
        boolean prior = j == kernels - 1;
        double[] x = new double[dims.length];
        for (int k = 0; k < dims.length; k++) {
            Dimension dim = dims[k];
            if (dim.categorical()) {
                int choices = dim.choices.size();
                if (prior) {
                    x[k] = random.nextInt(choices);
                } else {
                    // The kernel's row: v on every choice and 1 more on the observed one.
                    double r = random.nextDouble() * (1 + choices * smoothing[k]);
                    x[k] = r < 1 ? choice[k][j] : Math.min(choices - 1, (int) ((r - 1) / smoothing[k]));
                }
            } else {
                NumericDomain domain = dim.numeric;
                double s = prior ? priorSigma[k] : sigma[k];
                x[k] = domain.snap(Gaussian.truncated(random, mu[k][j], s, domain.low, domain.high));
            }
        }
        return x;
    }

    /** log density of a point (one value per dimension, each in its space; masses for stepped integers). */
    double logPdf(double[] x) {
        double[] t = scratch;
        System.arraycopy(logWeight, 0, t, 0, kernels);
        int n = kernels - 1;
        for (int k = 0; k < dims.length; k++) {
            if (dims[k].categorical()) {
                int c = (int) x[k];
                int[] observed = choice[k];
                double hit = logHit[k];
                double miss = logMiss[k];
                for (int j = 0; j < n; j++) {
                    t[j] += observed[j] == c ? hit : miss;
                }
                t[n] -= Math.log(dims[k].choices.size());
            } else if (dims[k].numeric.discrete()) {
                addDiscrete(k, x[k], t);
            } else {
                double[] m = mu[k];
                double[] c = constant[k];
                double inverse = 1 / sigma[k];
                double xk = x[k];
                for (int j = 0; j < n; j++) {
                    double z = (xk - m[j]) * inverse;
                    t[j] += c[j] - 0.5 * z * z;
                }
                double z = (xk - m[n]) / priorSigma[k];
                t[n] += c[n] - 0.5 * z * z;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < kernels; j++) {
            best = Math.max(best, t[j]);
        }
        double floor = best - NEGLIGIBLE;
        double sum = 0;
        for (int j = 0; j < kernels; j++) {
            if (t[j] > floor) {
                sum += Math.exp(t[j] - best);
            }
        }
        return best + Math.log(sum);
    }

    private void addDiscrete(int k, double x, double[] t) {
        NumericDomain domain = dims[k].numeric;
        double q = domain.q;
        double s = sigma[k];
        double[] c = constant[k];
        int n = kernels - 1;
        double[] table = massByDistance[k];
        if (table != null) {
            int gx = domain.gridIndex(x);
            int offset = (table.length - 1) / 2;
            int[] g = grid[k];
            for (int j = 0; j < n; j++) {
                int at = gx - g[j] + offset;
                double mass = table[at];
                if (Double.isNaN(mass)) {
                    mass = massAt((at - offset) * q, q, s);
                    table[at] = mass;
                }
                t[j] += c[j] + mass;
            }
        } else {
            double[] m = mu[k];
            for (int j = 0; j < n; j++) {
                t[j] += c[j] + massAt(x - m[j], q, s);
            }
        }
        double lo = Math.max(x - 0.5 * q, domain.low);
        double hi = Math.min(x + 0.5 * q, domain.high);
        double ps = priorSigma[k];
        t[n] += c[n] + Gaussian.logMass((lo - mu[k][n]) / ps, (hi - mu[k][n]) / ps);
    }

    /** log mass of N(0, s²) over [distance − q/2, distance + q/2]. */
    private static double massAt(double distance, double q, double s) {
        double a = (distance - 0.5 * q) / s;
        double b = (distance + 0.5 * q) / s;
        return b < -FAR || a > FAR ? Double.NEGATIVE_INFINITY : Gaussian.logMass(a, b);
    }
}
