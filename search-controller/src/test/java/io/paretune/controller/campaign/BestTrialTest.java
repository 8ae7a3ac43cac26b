package io.paretune.controller.campaign;

import io.paretune.contract.campaign.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BestTrialTest {

    @Test
    void higherWinsWhenMaximizing() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.9, 5, 0.8, 1)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.7, 0, 0.8, 1)).isFalse();
    }

    @Test
    void lowerWinsWhenMinimizing() {
        assertThat(BestTrial.beats(Direction.MINIMIZE, 1.5, 5, 2.0, 1)).isTrue();
        assertThat(BestTrial.beats(Direction.MINIMIZE, 2.5, 0, 2.0, 1)).isFalse();
    }

    @Test
    void tiesGoToTheLowerTrialNumber() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.8, 0, 0.8, 3)).isTrue();
        assertThat(BestTrial.beats(Direction.MAXIMIZE, 0.8, 4, 0.8, 3)).isFalse();
    }

    @Test
    void nanNeverWins() {
        assertThat(BestTrial.beats(Direction.MAXIMIZE, Double.NaN, 0, 0.1, 3)).isFalse();
        assertThat(BestTrial.beats(Direction.MINIMIZE, 0.1, 3, Double.NaN, 0)).isTrue();
    }
}
