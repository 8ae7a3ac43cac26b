package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PruningScheduleTest {

    /** s_i 0, s_f 0.8, t0 0, n·Δt 100, Δt 10. */
    private final PruningSchedule schedule = new PruningSchedule(0, 0.8, 0, 100, 10);

    @Test
    void followsTheCubicOfZhuAndGupta() {
        assertThat(schedule.sparsityAt(0)).isZero();
        // 0.8 · (1 − (1 − 10/100)³) = 0.8 · (1 − 0.729)
        assertThat(schedule.sparsityAt(10)).isCloseTo(0.2168, within(1e-12));
        // 0.8 · (1 − 0.5³)
        assertThat(schedule.sparsityAt(50)).isCloseTo(0.7, within(1e-12));
        // 0.8 · (1 − 0.1³)
        assertThat(schedule.sparsityAt(90)).isCloseTo(0.7992, within(1e-12));
        assertThat(schedule.sparsityAt(100)).isEqualTo(0.8);
        assertThat(schedule.sparsityAt(1_000)).isEqualTo(0.8);
    }

    @Test
    void holdsTheSparsityBetweenMaskUpdates() {
        assertThat(schedule.sparsityAt(15)).isEqualTo(schedule.sparsityAt(10));
        assertThat(schedule.sparsityAt(99)).isEqualTo(schedule.sparsityAt(90));
        assertThat(schedule.updatesAt(10)).isTrue();
        assertThat(schedule.updatesAt(15)).isFalse();
        assertThat(schedule.updatesAt(100)).isTrue();
        assertThat(schedule.updatesAt(110)).isFalse();
    }

    @Test
    void startsLateWithAnInitialSparsity() {
        PruningSchedule late = new PruningSchedule(0.2, 0.6, 40, 80, 20);

        assertThat(late.sparsityAt(39)).as("dense before t0").isZero();
        assertThat(late.sparsityAt(40)).isCloseTo(0.2, within(1e-12));
        // 0.6 + (0.2 − 0.6) · (1 − 20/40)³ = 0.6 − 0.4 · 0.125
        assertThat(late.sparsityAt(60)).isCloseTo(0.55, within(1e-12));
        assertThat(late.sparsityAt(80)).isEqualTo(0.6);
    }

    @Test
    void epochsBecomeSteps() {
        PruningSchedule s = PruningSchedule.ofEpochs(0.8, 0, 3, 422);

        assertThat(s).isEqualTo(new PruningSchedule(0, 0.8, 0, 1266, 42));
        // last update at 588 = 14 · 42: 0.8 · (1 − (1 − 588/1266)³)
        assertThat(s.sparsityAt(600)).isCloseTo(0.8 * (1 - Math.pow(1 - 588.0 / 1266, 3)), within(1e-12));
        CompressionConfig gradual = new CompressionConfig(CompressionConfig.Pruning.GRADUAL, 0.9,
                CompressionConfig.Scope.LAYER, 0, 1, 2, CompressionConfig.Precision.FP32);
        assertThat(PruningSchedule.of(gradual, 5)).isEqualTo(new PruningSchedule(0, 0.9, 5, 10, 1));
    }

    @Test
    void refusesSchedulesThatCannotBe() {
        assertThatThrownBy(() -> new PruningSchedule(0, 1.0, 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PruningSchedule(0, 0.5, 10, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PruningSchedule.of(CompressionConfig.NONE, 10)).hasMessageContaining("gradual");
    }
}
