package io.paretune.evaluator.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferenceSpeedTest {

    @Test
    void percentilesUseNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(InferenceSpeed.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(InferenceSpeed.percentile(sorted, 0.95)).isEqualTo(95);
        assertThat(InferenceSpeed.percentile(new long[]{7}, 0.95)).isEqualTo(7);
        assertThat(InferenceSpeed.percentile(new long[]{1, 2, 3}, 0.50)).isEqualTo(2);
    }

    @Test
    void percentileOfNothingIsRefused() {
        assertThatThrownBy(() -> InferenceSpeed.percentile(new long[0], 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
