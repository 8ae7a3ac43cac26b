package io.paretune.contract.search;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlpParametersTest {

    @Test
    void absentParametersTakeDefaults() {
        MlpParameters.Config config = MlpParameters.resolve(Map.of(), 4);

        assertThat(config).isEqualTo(new MlpParameters.Config(2, 128, "relu", 0.0, 0.0, 0.0, false, 1e-3, "adam", 128, 4,
                CompressionConfig.NONE));
    }

    @Test
    void sampledValuesOfAnyNumericTypeAreUsed() {
        MlpParameters.Config config = MlpParameters.resolve(Map.of("units", 64L, "hiddenLayers", 3, "dropout", 0.25,
                "batchNorm", true, "optimizer", "sgd", "epochs", 9L), 5);

        assertThat(config.units()).isEqualTo(64);
        assertThat(config.hiddenLayers()).isEqualTo(3);
        assertThat(config.dropout()).isEqualTo(0.25);
        assertThat(config.batchNorm()).isTrue();
        assertThat(config.optimizer()).isEqualTo("sgd");
        assertThat(config.epochs()).as("capped by maxEpochs").isEqualTo(5);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("units", 0L), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units");
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("activation", "softsign"), 1))
                .hasMessageContaining("activation");
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("units", 12.5), 1))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("momentum", 0.9), 1))
                .hasMessageContaining("unknown mlp parameter 'momentum'");
    }
}
