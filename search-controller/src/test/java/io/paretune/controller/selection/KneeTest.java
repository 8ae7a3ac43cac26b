package io.paretune.controller.selection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The knee of normalized fronts worked out by hand. */
class KneeTest {

    @Test
    void twoObjectivesTheFarthestPointBelowTheLineThroughTheEnds() {
        // The ends (0, 1) and (1, 0) span x + y = 1; distances (1 - x - y) / √2: 0.354 for (0.2, 0.3), 0.283 for
        // (0.5, 0.1).
        List<double[]> front = List.of(new double[]{0, 1}, new double[]{0.5, 0.1}, new double[]{0.2, 0.3},
                new double[]{1, 0});
        assertThat(Knee.of(front)).isEqualTo(2);
    }

    @Test
    void threeObjectivesTheFarthestPointBelowThePlaneThroughTheExtremes() {
        // The extremes A, B, C span w · x = 1 with w = (2/3, 2/3, 2/3), the plane x + y + z = 1.5; distances
        // (1.5 - x - y - z) / √3: 0.346 for K, 0.231 for L, 0 for the extremes.
        double[] a = {0, 0.5, 1};
        double[] b = {1, 0, 0.5};
        double[] c = {0.5, 1, 0};
        double[] k = {0.3, 0.3, 0.3};
        double[] l = {0.45, 0.45, 0.2};
        assertThat(Knee.hyperplane(Knee.extremes(List.of(a, b, c, k, l))))
                .containsExactly(new double[]{2.0 / 3, 2.0 / 3, 2.0 / 3}, within(1e-12));
        assertThat(Knee.of(List.of(a, l, b, c, k))).isEqualTo(4);
    }

    @Test
    void degenerateExtremesFallBackToTheNearestPointToTheIdeal() {
        // Two points in three objectives: P is the extreme of objectives 1 and 3, so the extremes span no plane.
        // |Q|² = 2, |P|² = 1.
        double[] q = {1, 0, 1};
        double[] p = {0, 1, 0};
        assertThat(Knee.hyperplane(Knee.extremes(List.of(q, p)))).isNull();
        assertThat(Knee.of(List.of(q, p))).isEqualTo(1);
    }

    @Test
    void onAStraightFrontTheTieGoesToThePointNearestTheIdeal() {
        // Every point lies on x + y = 1: all at distance 0; (0.5, 0.5) is nearest the origin.
        assertThat(Knee.of(List.of(new double[]{0, 1}, new double[]{0.5, 0.5}, new double[]{1, 0}))).isEqualTo(1);
    }

    @Test
    void aFrontOfOnePointIsItsOwnKnee() {
        assertThat(Knee.of(List.<double[]>of(new double[]{0, 0}))).isZero();
    }
}
