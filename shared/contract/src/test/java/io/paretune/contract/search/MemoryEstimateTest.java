package io.paretune.contract.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryEstimateTest {

    @Test
    void theDefaultMlpCountsWeightsGradientsAdamMomentsAndTheActivationsOfAMinibatch() {
        MemoryEstimate need = MemoryEstimate.of(MlpParameters.resolve(Map.of(), 5));

        // 784·128+128 + 128·128+128 + 128·10+10
        assertThat(need.parameters()).isEqualTo(118_282);
        // weights, gradients and Adam's two moments, float32
        assertThat(need.parameterBytes()).isEqualTo(118_282L * 4 * 4);
        // per example: the 784 inputs, 3 arrays of each hidden unit, the 10 outputs and their gradient; batch 128
        assertThat(need.activationBytes()).isEqualTo(128L * (784 + 2 * 128 * 3 + 20) * 4);
        assertThat(need.totalBytes()).isEqualTo(need.parameterBytes() + need.activationBytes());
    }

    @Test
    void theReferenceCnnHasItsKnownParameterCountAndItsUnfoldedInputsDominate() {
        MemoryEstimate need = MemoryEstimate.of(CnnParameters.resolve(Map.of(), 5));

        assertThat(need.parameters()).isEqualTo(83_466);
        // block 1: unfolded 2·784·25·1, conv 784·32·3, pooled 2·196·32; block 2: 2·196·25·32, 196·64·3, 2·49·64
        long perExample = 784 + 2 * 784 * 25 + 784 * 32 * 3 + 2 * 196 * 32 + 2 * 196 * 25 * 32 + 196 * 64 * 3
                + 2 * 49 * 64 + 20;
        assertThat(need.activationBytes()).isEqualTo(128L * perExample * 4);
    }

    @Test
    void optimizerStateBatchNormDropoutAndPruningMasksAddToTheBill() {
        Map<String, Object> plain = Map.of("optimizer", "sgd");
        MemoryEstimate sgd = MemoryEstimate.of(MlpParameters.resolve(plain, 5));
        MemoryEstimate amsgrad = MemoryEstimate.of(MlpParameters.resolve(Map.of("optimizer", "amsgrad"), 5));
        MemoryEstimate masked = MemoryEstimate.of(MlpParameters.resolve(Map.of("optimizer", "sgd", "pruning",
                "magnitude", "targetSparsity", 0.5, "fineTuneEpochs", 1L), 5));
        MemoryEstimate normalized = MemoryEstimate.of(MlpParameters.resolve(Map.of("optimizer", "sgd",
                "batchNorm", true, "dropout", 0.2), 5));

        assertThat(sgd.parameterBytes()).isEqualTo(sgd.parameters() * 2 * 4);
        assertThat(amsgrad.parameterBytes()).isEqualTo(sgd.parameters() * 5 * 4);
        assertThat(masked.parameterBytes()).isEqualTo(sgd.parameters() * 3 * 4);
        // 4 statistics per unit in each of the two layers; 3 more arrays per unit and example
        assertThat(normalized.parameters()).isEqualTo(sgd.parameters() + 2 * 4 * 128);
        assertThat(normalized.activationBytes() - sgd.activationBytes()).isEqualTo(128L * 2 * 128 * 3 * 4);
    }

    @Test
    void theLargestNetworkOfASpaceTakesEverySizeAtItsTopAndTheCostliestChoice() {
        Map<String, ParameterSpec> space = Map.of(
                "hiddenLayers", new ParameterSpec.IntRange(1, 3, false, 1, null),
                "units", new ParameterSpec.IntRange(32, 512, true, 1, null),
                "optimizer", new ParameterSpec.Categorical(List.of("sgd", "amsgrad", "adam"), null),
                "batchSize", new ParameterSpec.Fixed(256L, null));

        MemoryEstimate largest = MemoryEstimate.largest(ModelFamily.MLP, space);

        MemoryEstimate expected = MemoryEstimate.of(MlpParameters.resolve(Map.of("hiddenLayers", 3L, "units", 512L,
                "optimizer", "amsgrad", "batchSize", 256L), 5));
        assertThat(largest.totalBytes()).isEqualTo(expected.totalBytes());
        assertThat(largest.valuesText()).startsWith("hiddenLayers=3, units=512, batchSize=256, optimizer=amsgrad");
    }

    @Test
    void aHugeCnnIsDescribedInGigabytes() {
        MemoryEstimate need = MemoryEstimate.of(CnnParameters.resolve(Map.of("filters", 256L, "convLayers", 4L,
                "batchSize", 4096L), 5));

        assertThat(need.totalBytes()).isGreaterThan(10_000_000_000L);
        assertThat(need.describe()).matches("about [0-9.]+ GB \\([0-9.]+M parameters with gradients and optimizer "
                + "state [0-9.]+ GB, activations of a minibatch [0-9.]+ GB\\)");
    }
}
