package io.paretune.controller.search.tpe;

import io.paretune.contract.search.ParameterSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimators against Optuna 3.1's {@code _ParzenEstimator}: the same 30 observations (so the weights ramp), the
 * log densities Optuna computes at the same points (prior weight 1, magic clip, no endpoints).
 */
class ParzenEstimatorTest {

    static final double[] XS = {3.232, 5.728, 4.041, 3.173, 1.355, 4.688, 1.564, 8.377, 9.455, 0.752, 6.876, 2.933,
            3.521, 8.884, -3.934, -3.693, -4.697, 7.489, 6.672, 8.05, 9.679, 6.987, 1.922, 6.708, -3.226, 4.599, -2.85,
            9.17, 2.828, 1.22};
    static final double[] KS = {7, 7, 5, 9, 5, 1, 1, 9, 11, 11, 1, 9, 3, 9, 3, 5, 5, 1, 3, 3, 3, 3, 7, 7, 5, 7, 1, 7, 11, 9};
    static final double[] LF = {0.005136, 0.002069, 0.092283, 0.000202, 0.000423, 0.000305, 0.009106, 0.000575,
            0.002506, 0.000541, 0.0003, 0.000214, 0.009311, 0.00026, 0.000389, 0.001277, 0.029039, 0.000196, 0.032646,
            0.000194, 0.084992, 0.002547, 0.085169, 0.006524, 0.016512, 0.000131, 0.000705, 0.000229, 0.000773, 0.000227};
    static final double[] LI = {47, 66, 19, 175, 113, 39, 97, 22, 116, 400, 47, 160, 25, 190, 43, 29, 121, 17, 282, 16,
            166, 40, 203, 449, 37, 116, 123, 115, 34, 434};
    static final int[] CS = {2, 0, 0, 1, 0, 2, 1, 1, 1, 0, 0, 0, 1, 1, 2, 1, 0, 0, 1, 2, 1, 1, 1, 0, 0, 0, 1, 2, 1, 1};

    static final Dimension X = Dimension.of("x", new ParameterSpec.FloatRange(-5, 10, false));
    static final Dimension K = Dimension.of("k", new ParameterSpec.IntRange(1, 11, false, 2));
    static final Dimension L = Dimension.of("l", new ParameterSpec.FloatRange(1e-4, 1e-1, true));
    static final Dimension U = Dimension.of("u", new ParameterSpec.IntRange(16, 512, true, 1));
    static final Dimension C = Dimension.of("c", new ParameterSpec.Categorical(List.of("a", "b", "c")));

    /** Values in the dimension's space, integers given as the Longs trials hold. */
    private static double[] internal(Dimension dim, double[] values) {
        boolean integer = dim == K || dim == U;
        return Arrays.stream(values).map(v -> dim.internal(integer ? (Object) (long) v : (Object) v)).toArray();
    }

    private static void assertUnivariate(Dimension dim, double[] observations, double[] at, double... optuna) {
        double[] weights = TpeOptions.defaultWeights(observations.length);
        NumericParzen p = NumericParzen.fit(dim.numeric, internal(dim, observations), weights, observations.length, 1.0, false);
        double[] points = internal(dim, at);
        for (int i = 0; i < at.length; i++) {
            assertThat(p.logPdf(points[i])).as("%s at %s", dim.name, at[i]).isCloseTo(optuna[i], within(1e-9));
        }
    }

    @Test
    void univariateFloatsMatchOptuna() {
        assertUnivariate(X, XS, new double[]{-5, -1.234, 0, 3.3, 9.99},
                -2.548861046472899, -2.725008777156062, -2.7278481249632773, -2.2510278652184055, -2.8045764834563993);
    }

    @Test
    void univariateSteppedIntegersMatchOptunaWithAStableSort() {
        // Repeated values tie when Optuna sorts kernels for their bandwidths; numpy's default argsort orders ties
        // arbitrarily and so which repeat (of different weight) gets the wider bandwidth. These are Optuna's values
        // with argsort(kind="stable"), the order we use: equal values by trial number.
        assertUnivariate(K, KS, new double[]{1, 3, 7, 11},
                -1.6907616778956953, -1.614069078961413, -1.7803549076802623, -2.1782532056479864);
    }

    @Test
    void univariateLogFloatsAndLogIntegersMatchOptuna() {
        assertUnivariate(L, LF, new double[]{1e-4, 3e-3, 0.05}, -2.985603193094799, -2.6966224674975243, -2.5079836247723595);
        assertUnivariate(U, LI, new double[]{16, 100, 512}, -2.581365028000802, -2.3208799326546004, -2.771851001306276);
    }

    @Test
    void univariateCategoricalMatchesOptuna() {
        CategoricalParzen p = CategoricalParzen.fit(3, CS, TpeOptions.defaultWeights(CS.length), CS.length, 1.0);
        assertThat(p.logPdf(0)).isCloseTo(-1.0430343261935466, within(1e-12));
        assertThat(p.logPdf(1)).isCloseTo(-0.7362333553361404, within(1e-12));
        assertThat(p.logPdf(2)).isCloseTo(-1.7796228187034435, within(1e-12));
    }

    @Test
    void jointEstimatorMatchesOptunasMultivariateOne() {
        Dimension[] dims = {X, K, L, C};
        double[][] values = {internal(X, XS), internal(K, KS), internal(L, LF), Arrays.stream(CS).asDoubleStream().toArray()};
        JointParzen p = JointParzen.fit(dims, values, TpeOptions.defaultWeights(30), 30, 1.0, 0.2, 1);
        double[][] points = {{-1.234, 3, Math.log(3e-3), 0}, {3.3, 7, Math.log(1e-4), 2}, {9.0, 11, Math.log(0.05), 1}};
        double[] optuna = {-6.061068982066459, -6.137673707983849, -6.368392213749196};
        for (int i = 0; i < points.length; i++) {
            assertThat(p.logPdf(points[i])).isCloseTo(optuna[i], within(1e-9));
        }
    }

    /**
     * With many kernels only the blocks near a point are evaluated; the skipped ones hold only terms the full sum
     * leaves out, so the density is the very same double as the full scan's (what keeps seeded runs unchanged).
     */
    @Test
    void blockedDensityIsTheFullScansDouble() {
        SplittableRandom random = new SplittableRandom(11);
        List<Dimension> dims = List.of(X, L, U, Dimension.of("d", new ParameterSpec.FloatRange(0, 0.5, false)));
        for (Dimension dim : dims) {
            NumericDomain domain = dim.numeric;
            for (int n : new int[]{63, 64, 200, 3000}) {
                for (int shape = 0; shape < 3; shape++) {
                    double[] values = new double[n + 1];
                    for (int i = 0; i < n; i++) {
                        double u = switch (shape) {
                            case 0 -> random.nextDouble();
                            case 1 -> 0.3 + 0.01 * Gaussian.standard(random); // clustered, a few outside
                            default -> random.nextInt(5) / 4.0; // repeats, and the bounds themselves
                        };
                        double v = domain.low + Math.min(1, Math.max(0, u)) * (domain.high - domain.low);
                        values[i] = domain.snap(v);
                    }
                    double[] weights = shape == 1 ? TpeOptions.defaultWeights(n) : new double[n];
                    if (shape != 1) {
                        for (int i = 0; i < n; i++) {
                            weights[i] = i % 7 == 0 ? 1e-12 : 1 + random.nextDouble(); // MOTPE's tiny weights too
                        }
                    }
                    for (boolean endpoints : new boolean[]{false, true}) {
                        NumericParzen p = NumericParzen.fit(domain, values.clone(), weights, n, 1.0, endpoints);
                        for (int i = 0; i < 200; i++) {
                            double x = i == 0 ? domain.low : i == 1 ? domain.high
                                    : i < 20 ? values[i] : domain.snap(p.sample(random));
                            assertThat(p.logPdf(x)).as("%s n=%d shape %d at %s", dim.name, n, shape, x)
                                    .isEqualTo(p.logPdfScan(x));
                        }
                    }
                }
            }
        }
    }

    @Test
    void drawsStayOnTheDimensionsValues() {
        NumericParzen p = NumericParzen.fit(K.numeric, internal(K, KS), TpeOptions.defaultWeights(30), 30, 1.0, false);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            Object v = K.value(K.numeric.snap(p.sample(random)));
            assertThat((Long) v).isIn(1L, 3L, 5L, 7L, 9L, 11L);
        }
    }

    @Test
    void defaultGammaAndWeightsAreOptunas() {
        TpeOptions d = TpeOptions.TPE;
        assertThat(new int[]{d.nBelow(0), d.nBelow(1), d.nBelow(10), d.nBelow(11), d.nBelow(100), d.nBelow(251), d.nBelow(5000)})
                .containsExactly(0, 1, 1, 2, 10, 25, 25);
        assertThat(TpeOptions.defaultWeights(3)).containsExactly(1, 1, 1);
        double[] w = TpeOptions.defaultWeights(30);
        // numpy.linspace(1/30, 1, 5), then 25 ones.
        assertThat(w[0]).isCloseTo(1 / 30.0, within(1e-15));
        assertThat(w[2]).isCloseTo((1 / 30.0 + 1) / 2, within(1e-15));
        assertThat(w[4]).isCloseTo(1.0, within(1e-15));
        assertThat(Arrays.stream(w, 5, 30)).containsOnly(1.0);
    }
}
