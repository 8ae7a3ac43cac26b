package io.paretune.controller.search;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HypervolumeTest {

    @Test
    void twoDimensionalStaircase() {
        double[][] points = {{1, 3}, {2, 2}, {3, 1}, {2.5, 2.5}};
        // Swept by x: 3 x 1 from (1, 3), 2 x 1 from (2, 2), 1 x 1 from (3, 1); (2.5, 2.5) adds nothing.
        assertThat(Hypervolume.of(points, new double[]{4, 4})).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void pointsOutsideTheReferenceAddNothing() {
        assertThat(Hypervolume.of(new double[][]{{5, 0}, {1, 1}}, new double[]{4, 4})).isCloseTo(9.0, within(1e-12));
    }

    @Test
    void wfgAgreesWithInclusionExclusionInThreeToFiveDimensions() {
        SplittableRandom random = new SplittableRandom(11);
        for (int d = 3; d <= 5; d++) {
            double[][] points = new double[12][d];
            for (double[] p : points) {
                for (int k = 0; k < d; k++) {
                    p[k] = random.nextDouble();
                }
            }
            double[] reference = new double[d];
            java.util.Arrays.fill(reference, 1.0);
            assertThat(Hypervolume.of(points, reference)).as("d=%d", d).isCloseTo(inclusionExclusion(points, reference), within(1e-12));
        }
    }

    @Test
    void wfgMatchesTheExactVolumeOfNestedBoxes() {
        double[][] points = {{0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        // Each box is 1 x 0.5 x 0.5 = 0.25; pairwise overlaps 0.125 each; the triple overlap 0.125.
        assertThat(Hypervolume.of(points, new double[]{1, 1, 1})).isCloseTo(0.75 - 0.375 + 0.125, within(1e-12));
    }

    /** The union of the boxes by inclusion–exclusion over every subset: exact, exponential, fine for 12 points. */
    private static double inclusionExclusion(double[][] points, double[] reference) {
        int n = points.length;
        int d = reference.length;
        double total = 0;
        for (int subset = 1; subset < 1 << n; subset++) {
            double volume = 1;
            for (int k = 0; k < d; k++) {
                double corner = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    if ((subset & 1 << i) != 0) {
                        corner = Math.max(corner, points[i][k]);
                    }
                }
                volume *= reference[k] - corner;
            }
            total += Integer.bitCount(subset) % 2 == 1 ? volume : -volume;
        }
        return total;
    }
}
