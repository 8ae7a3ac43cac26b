package io.paretune.controller.search.tpe;

import java.util.SplittableRandom;

/**
 * The normal-distribution arithmetic the Parzen estimators need, in log space where tails matter: the Java library has
 * no error function. {@link #erfcx} uses W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969), accurate to about 1e-16 relative.
 */
final class Gaussian {

    static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_PI = 0.56418958354775628695;

    // Cody 1969, erf(x) for |x| <= 0.46875: x * R(x^2), R = A/B.
    private static final double[] A = {3.1611237438705656, 113.864154151050156, 377.485237685302021,
            3209.37758913846947, 0.185777706184603153};
    private static final double[] B = {23.6012909523441209, 244.024637934444173, 1282.61652607737228,
            2844.23683343917062};
    // erfcx(x) for 0.46875 < x <= 4: C/D.
    private static final double[] C = {0.564188496988670089, 8.88314979438837594, 66.1191906371416295,
            298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147,
            1230.33935479799725, 2.15311535474403846e-8};
    private static final double[] D = {15.7449261107098347, 117.693950891312499, 537.181101862009858,
            1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164,
            1230.33935480374942};
    // erfcx(x) for x > 4: (1/sqrt(pi) - z P(z)/Q(z)) / x with z = 1/x^2.
    private static final double[] P = {0.305326634961232344, 0.360344899949804439, 0.125781726111229246,
            0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978};
    private static final double[] Q = {2.56852019228982242, 1.87295284992346047, 0.527905102951428412,
            0.0605183413124413191, 0.00233520497626869185};

    private Gaussian() {
    }

    /** erf(x) for |x| <= 0.46875. */
    private static double erfSmall(double x) {
        double z = x * x;
        double num = A[4] * z;
        double den = z;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * z;
            den = (den + B[i]) * z;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** The scaled complementary error function exp(x²)·erfc(x), for x ≥ 0 (finite for every such x). */
    static double erfcx(double x) {
        if (x <= 0.46875) {
            return Math.exp(x * x) * (1 - erfSmall(x));
        }
        if (x <= 4) {
            double num = C[8] * x;
            double den = x;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * x;
                den = (den + D[i]) * x;
            }
            return (num + C[7]) / (den + D[7]);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double z = 1 / (x * x);
        double num = P[5] * z;
        double den = z;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * z;
            den = (den + Q[i]) * z;
        }
        double r = z * (num + P[4]) / (den + Q[4]);
        return (INV_SQRT_PI - r) / x;
    }

    /** erfc(x) for any x. */
    static double erfc(double x) {
        double y = Math.abs(x);
        double r;
        if (y <= 0.46875) {
            r = 1 - erfSmall(y);
        } else if (y > 27) {
            r = 0; // below the smallest double
        } else {
            // exp(-y²) split in two factors, as Cody does, so the rounding of y² does not cost relative accuracy.
            double ysq = Math.floor(y * 16) / 16;
            double del = (y - ysq) * (y + ysq);
            r = Math.exp(-ysq * ysq) * Math.exp(-del) * erfcx(y);
        }
        return x < 0 ? 2 - r : r;
    }

    /** Φ(x), the standard normal distribution function. */
    static double ndtr(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** log Φ(x), accurate far into both tails. */
    static double logNdtr(double x) {
        if (x > 0) {
            return logOneMinus(0.5 * erfc(x * SQRT_HALF));
        }
        double s = -x * SQRT_HALF;
        return Math.log(0.5 * erfcx(s)) - s * s;
    }

    /** log(Φ(b) − Φ(a)) for a ≤ b: the log of the standard normal mass in [a, b]. */
    static double logMass(double a, double b) {
        if (b <= 0) {
            return logDiff(logNdtr(b), logNdtr(a));
        }
        if (a > 0) {
            return logDiff(logNdtr(-a), logNdtr(-b));
        }
        // Straddling 0 the mass is at least that of one tail's complement: no cancellation to fear.
        return logOneMinus(ndtr(a) + ndtr(-b));
    }

    /**
     * log(1 − x) for x in [0, 1): a short series where x is small (Math.log1p is no intrinsic, and costs as much as
     * the rest of a kernel's arithmetic), Math.log otherwise.
     */
    static double logOneMinus(double x) {
        if (x < 1e-3) {
            return -x * (1 + x * (0.5 + x * (1.0 / 3 + x * 0.25)));
        }
        return Math.log(1 - x);
    }

    /** log(e^p − e^q) for q ≤ p. */
    private static double logDiff(double p, double q) {
        if (q == Double.NEGATIVE_INFINITY) {
            return p;
        }
        double d = q - p;
        return p + (d > -0.5 ? Math.log(-Math.expm1(d)) : Math.log(1 - Math.exp(d)));
    }

    /** A standard normal draw (Marsaglia's polar method; ours, so a seed means the same on every JDK). */
    static double standard(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /**
     * A draw from N(mu, sigma²) truncated to [low, high], by rejection. Every kernel of a Parzen estimator has its
     * mean inside the bounds and sigma at most high − low, so at least a third of the draws are accepted.
     */
    static double truncated(SplittableRandom random, double mu, double sigma, double low, double high) {
        for (int i = 0; i < 1000; i++) {
            double x = mu + sigma * standard(random);
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.min(high, Math.max(low, mu));
    }
}
