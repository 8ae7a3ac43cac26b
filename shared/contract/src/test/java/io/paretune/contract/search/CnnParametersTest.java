package io.paretune.contract.search;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnnParametersTest {

    @Test
    void defaultsAreTheReferenceCnn() {
        CnnParameters.Config config = CnnParameters.resolve(Map.of(), 3);

        assertThat(config).isEqualTo(new CnnParameters.Config(2, 32, 2.0, 5, "max", 0, "relu", 0.0, 0.0, 0.0, false,
                1e-3, "adam", 128, 3, CompressionConfig.NONE));
        assertThat(config.filtersOf(0)).isEqualTo(32);
        assertThat(config.filtersOf(1)).isEqualTo(64);
        assertThat(config.family()).isEqualTo("cnn");
    }

    @Test
    void sampledValuesOfAnyNumericTypeAreUsed() {
        CnnParameters.Config config = CnnParameters.resolve(Map.of("kernelSize", 3, "convLayers", 3L,
                "filterGrowth", 1.5, "denseUnits", 64L, "epochs", 9L), 5);

        assertThat(config.kernelSize()).isEqualTo(3);
        assertThat(config.convLayers()).isEqualTo(3);
        assertThat(config.denseUnits()).isEqualTo(64);
        assertThat(config.filtersOf(2)).as("32 · 1.5²").isEqualTo(72);
        assertThat(config.epochs()).as("capped by maxEpochs").isEqualTo(5);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("kernelSize", 4L), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernelSize").hasMessageContaining("[3, 5]");
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("convLayers", 5L), 1)).hasMessageContaining("convLayers");
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("pooling", "median"), 1)).hasMessageContaining("pooling");
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("units", 64L), 1))
                .hasMessageContaining("unknown cnn parameter 'units'");
    }

    @Test
    void familiesResolveByWireName() {
        assertThat(ModelFamily.require("cnn").resolve(Map.of(), 2)).isInstanceOf(CnnParameters.Config.class);
        assertThat(ModelFamily.require("mlp").resolve(Map.of(), 2)).isInstanceOf(MlpParameters.Config.class);
        assertThatThrownBy(() -> ModelFamily.require("rnn")).hasMessageContaining("known: [mlp, cnn]");
    }
}
