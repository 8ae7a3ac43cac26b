package io.paretune.controller.search.tpe;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class GaussianTest {

    @Test
    void erfcMatchesReferenceValuesAcrossEveryBranch() {
        // Reference values from Python's math.erfc.
        double[][] cases = {{-5, 1.9999999999984626}, {-2, 1.9953222650189528}, {-0.5, 1.5204998778130465},
                {-0.3, 1.3286267594591274}, {0, 1.0}, {0.2, 0.7772974107895215}, {0.46875, 0.507386526782062},
                {0.47, 0.5062549491139179}, {1, 0.15729920705028513}, {2.5, 0.0004069520174449589},
                {3.99, 1.6739211364520814e-08}, {4.01, 1.4196939421371052e-08}, {6, 2.1519736712498916e-17},
                {10, 2.088487583762545e-45}, {26, 5.663192408856143e-296}};
        for (double[] c : cases) {
            assertThat(Gaussian.erfc(c[0])).as("erfc(%s)", c[0]).isCloseTo(c[1], withPercentage(1e-12));
        }
        assertThat(Gaussian.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(Gaussian.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
    }

    @Test
    void logNdtrStaysAccurateDeepInTheTails() {
        assertThat(Gaussian.logNdtr(-30)).isCloseTo(-454.32124395634315, within(1e-9));
        assertThat(Gaussian.logNdtr(-10)).isCloseTo(-53.23128515051246, within(1e-10));
        assertThat(Gaussian.logNdtr(-3)).isCloseTo(-6.607726221510348, within(1e-12));
        assertThat(Gaussian.logNdtr(0)).isCloseTo(Math.log(0.5), within(1e-15));
        assertThat(Gaussian.logNdtr(3)).isCloseTo(-0.0013508099647482027, within(1e-15));
        assertThat(Gaussian.logNdtr(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void logMassOfIntervalsLeftRightAndAcrossZero() {
        assertThat(Gaussian.logMass(1, 2)).isCloseTo(-1.9957982691807552, within(1e-12));
        assertThat(Gaussian.logMass(-2, -1)).isCloseTo(-1.9957982691807552, within(1e-12));
        assertThat(Gaussian.logMass(5, 6)).isCloseTo(-15.06844609652945, within(1e-10));
        assertThat(Gaussian.logMass(-1.5, 0.5)).isCloseTo(-0.4705553654158995, within(1e-12));
        assertThat(Gaussian.logMass(60, 61)).isFinite().isLessThan(-1800);
        assertThat(Gaussian.logMass(1, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void truncatedDrawsStayInBoundsWithTheRightMean() {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double x = Gaussian.truncated(random, 0, 1, 0, 1);
            assertThat(x).isBetween(0.0, 1.0);
            sum += x;
        }
        // Mean of N(0,1) truncated to [0, 1]: (φ(0) − φ(1)) / (Φ(1) − Φ(0)) = 0.4599.
        assertThat(sum / n).isCloseTo(0.4599, within(0.01));
    }
}
