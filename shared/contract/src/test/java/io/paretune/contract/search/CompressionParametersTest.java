package io.paretune.contract.search;

import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.CompressionConfig.Pruning;
import io.paretune.contract.search.CompressionConfig.Scope;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trial's compression settings: defaults, normalisation, and the combinations only a trial can judge. */
class CompressionParametersTest {

    @Test
    void bothFamiliesKnowTheCompressionParametersAndDefaultToNone() {
        for (ModelFamily family : ModelFamily.values()) {
            assertThat(family.rules()).containsKeys("pruning", "targetSparsity", "pruningScope", "fineTuneEpochs",
                    "pruneStartEpoch", "pruneEndEpoch", "precision");
            assertThat(family.resolve(Map.of(), 3).compression()).isEqualTo(CompressionConfig.NONE);
        }
    }

    @Test
    void eachMethodKeepsOnlyTheSettingsItReads() {
        Map<String, Object> everything = Map.of("targetSparsity", 0.8, "pruningScope", "layer", "fineTuneEpochs", 2L,
                "pruneStartEpoch", 1L, "pruneEndEpoch", 3L, "precision", "int8");

        assertThat(compression(with(everything, "pruning", "magnitude"), 5))
                .isEqualTo(new CompressionConfig(Pruning.MAGNITUDE, 0.8, Scope.LAYER, 2, 0, 0, Precision.INT8));
        assertThat(compression(with(everything, "pruning", "structured"), 5))
                .isEqualTo(new CompressionConfig(Pruning.STRUCTURED, 0.8, Scope.LAYER, 2, 0, 0, Precision.INT8));
        assertThat(compression(with(everything, "pruning", "gradual"), 5))
                .isEqualTo(new CompressionConfig(Pruning.GRADUAL, 0.8, Scope.LAYER, 0, 1, 3, Precision.INT8));
        assertThat(compression(with(everything, "pruning", "none"), 5))
                .as("a trial that drew none ignores the settings a searched space gave it")
                .isEqualTo(new CompressionConfig(Pruning.NONE, 0, Scope.GLOBAL, 0, 0, 0, Precision.INT8));
    }

    @Test
    void gradualPruningEndsWithTheTrialByDefault() {
        CompressionConfig c = compression(Map.of("pruning", "gradual", "epochs", 9L), 6);

        assertThat(c.pruneStartEpoch()).isZero();
        assertThat(c.pruneEndEpoch()).as("epochs capped by maxEpochs").isEqualTo(6);
        assertThat(c.targetSparsity()).isEqualTo(0.5);
        assertThat(compression(Map.of("pruning", "magnitude", "fineTuneEpochs", 2L), 5).oneShotEpoch(5)).isEqualTo(3);
    }

    @Test
    void valuesOutsideTheirRulesAreRefusedByName() {
        assertThatThrownBy(() -> compression(Map.of("pruning", "magnitude", "targetSparsity", 1.0), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("targetSparsity must be within [0, 0.99]");
        assertThatThrownBy(() -> compression(Map.of("pruning", "lottery"), 3))
                .hasMessageStartingWith("pruning must be one of");
        assertThatThrownBy(() -> compression(Map.of("precision", "int4"), 3))
                .hasMessageStartingWith("precision must be one of");
        assertThatThrownBy(() -> compression(Map.of("pruningScope", "row"), 3)).hasMessageStartingWith("pruningScope");
    }

    @Test
    void gradualPruningMustEndWithinTheTrialAndAfterItStarts() {
        assertThatThrownBy(() -> compression(Map.of("pruning", "gradual", "pruneEndEpoch", 5L, "epochs", 3L), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruneEndEpoch 5 is after the trial's last epoch (3)");
        assertThatThrownBy(() -> compression(Map.of("pruning", "gradual", "pruneStartEpoch", 2L, "pruneEndEpoch", 2L), 4))
                .hasMessage("pruneEndEpoch 2 must be after pruneStartEpoch (2)");
        assertThatThrownBy(() -> compression(Map.of("pruning", "gradual", "pruneStartEpoch", 3L), 3))
                .hasMessageStartingWith("pruneStartEpoch 3 must be before the trial's last epoch (3)");
    }

    @Test
    void fineTuningMustLeaveAnEpochToTrainBeforePruning() {
        assertThatThrownBy(() -> compression(Map.of("pruning", "magnitude", "fineTuneEpochs", 3L), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fineTuneEpochs 3 must be less than the trial's epochs (3)");
        assertThatThrownBy(() -> compression(Map.of("pruning", "structured", "fineTuneEpochs", 2L, "epochs", 2L), 5))
                .hasMessageStartingWith("fineTuneEpochs 2");
    }

    @Test
    void structuredPruningMustLeaveAUnitInEveryLayer() {
        // round((1 − 0.95) · 8) = round(0.4) = 0
        assertThatThrownBy(() -> compression(Map.of("pruning", "structured", "targetSparsity", 0.95, "units", 8L), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("targetSparsity 0.95 would remove every unit of a layer of 8 (round((1 − 0.95) · 8) = 0)");
        assertThat(compression(Map.of("pruning", "structured", "targetSparsity", 0.9, "units", 8L), 3).targetSparsity())
                .as("round(0.8) = 1 unit kept").isEqualTo(0.9);
        assertThatThrownBy(() -> compression(Map.of("pruning", "structured", "hiddenLayers", 0L), 3))
                .hasMessageStartingWith("pruning structured has no layer to shrink");
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("pruning", "structured", "targetSparsity", 0.9,
                "filters", 4L), 3)).hasMessageStartingWith("targetSparsity 0.9 would remove every unit of a layer of 4");
        assertThatThrownBy(() -> CnnParameters.resolve(Map.of("pruning", "structured", "targetSparsity", 0.8,
                "denseUnits", 2L), 3)).as("the dense layer is the smallest").hasMessageContaining("a layer of 2");
    }

    private static CompressionConfig compression(Map<String, Object> params, int maxEpochs) {
        return MlpParameters.resolve(params, maxEpochs).compression();
    }

    private static Map<String, Object> with(Map<String, Object> params, String name, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(params);
        copy.put(name, value);
        return copy;
    }
}
