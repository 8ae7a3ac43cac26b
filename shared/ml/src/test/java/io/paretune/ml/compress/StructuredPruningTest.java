package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig.Scope;
import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The smaller network computes exactly what the network with the removed units zeroed computes. */
class StructuredPruningTest {

    private static final DataSet IMAGES = TestNetworks.images(96);

    @Test
    void aShrunkMlpComputesWhatItsMaskedTwinComputes() {
        // Sigmoid and batch norm: a zeroed unit still emits a value, so only cutting the next layer's inputs hides it.
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 32L, "batchNorm", true,
                "activation", "sigmoid"));
        TestNetworks.trainEpoch(net, IMAGES, 32); // batch-norm statistics and weights away from their initial values

        StructuredPruning.Plan plan = StructuredPruning.plan(net, 0.5, Scope.LAYER);
        MultiLayerNetwork small = StructuredPruning.shrink(net, plan);
        MultiLayerNetwork masked = StructuredPruning.masked(net, plan);

        assertThat(StructuredPruning.shrinkableLayers(net)).containsExactly(0, 2);
        assertThat(plan.unitsAfter()).isEqualTo(32);
        assertThat(((FeedForwardLayer) small.getLayer(0).conf().getLayer()).getNOut()).isEqualTo(16);
        assertThat(((FeedForwardLayer) small.getLayer(2).conf().getLayer()).getNIn()).isEqualTo(16);
        // 784·16 + 16, batch norm 2·16, 16·16 + 16, batch norm 2·16, 16·10 + 10
        assertThat(NetworkFactory.trainableParamCount(small)).isEqualTo(12_560 + 32 + 272 + 32 + 170);
        assertSameOutputs(small, masked, IMAGES.getFeatures());
        assertThat(maxDifference(net.output(IMAGES.getFeatures()), masked.output(IMAGES.getFeatures())))
                .as("pruning changed the network").isGreaterThan(1e-3);

        TestNetworks.trainEpoch(small, IMAGES, 32);
        assertThat(small.score()).as("the smaller network fine-tunes").isFinite();
    }

    @Test
    void aShrunkCnnComputesWhatItsMaskedTwinComputes() {
        MultiLayerNetwork net = TestNetworks.cnn(Map.of("filters", 6L, "batchNorm", true, "denseUnits", 12L,
                "kernelSize", 3L));
        TestNetworks.trainEpoch(net, IMAGES, 48);

        StructuredPruning.Plan plan = StructuredPruning.plan(net, 0.5, Scope.GLOBAL);
        MultiLayerNetwork small = StructuredPruning.shrink(net, plan);

        // conv 6 → bn → pool → conv 12 → bn → pool → dense 12 → output
        assertThat(StructuredPruning.shrinkableLayers(net)).containsExactly(0, 3, 6);
        assertThat(plan.unitsBefore()).isEqualTo(6 + 12 + 12);
        assertThat(plan.unitsAfter()).isEqualTo(15);
        long secondConv = ((ConvolutionLayer) small.getLayer(3).conf().getLayer()).getNOut();
        assertThat(secondConv).isBetween(1L, 11L);
        assertThat(((FeedForwardLayer) small.getLayer(6).conf().getLayer()).getNIn())
                .as("the dense layer reads 7·7 values per kept filter").isEqualTo(49L * secondConv);
        assertSameOutputs(small, StructuredPruning.masked(net, plan), IMAGES.getFeatures());
        TestNetworks.trainEpoch(small, IMAGES, 48);
        assertThat(small.score()).isFinite();
    }

    @Test
    void layerScopeKeepsTheUnitsOfLargestL1Norm() {
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 1L, "units", 8L));
        // Units 5 and 2 get the largest incoming weights.
        net.getParam("0_W").getColumn(5).muli(10);
        net.getParam("0_W").getColumn(2).muli(5);

        assertThat(StructuredPruning.plan(net, 0.75, Scope.LAYER).kept().get(0)).containsExactly(2, 5);
    }

    @Test
    void globalScopeLeavesEveryLayerAUnit() {
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 8L));
        // All the second layer's units but unit 3 are weak for their layer: they rank last.
        for (int unit = 0; unit < 8; unit++) {
            if (unit != 3) {
                net.getParam("1_W").getColumn(unit).muli(1e-3);
            }
        }

        StructuredPruning.Plan plan = StructuredPruning.plan(net, 0.5, Scope.GLOBAL);

        assertThat(plan.kept().get(1)).hasSize(1);
        assertThat(plan.unitsAfter()).isEqualTo(8);
        assertSameOutputs(StructuredPruning.shrink(net, plan), StructuredPruning.masked(net, plan),
                IMAGES.getFeatures());
    }

    @Test
    void globalScopeRanksUnitsWithinTheirLayerSoThatALayerOfSmallerWeightsIsNotEmptied() {
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 8L));
        net.getParam("0_W").muli(1e-2); // as an input layer's weights are: smaller, every unit alike

        StructuredPruning.Plan plan = StructuredPruning.plan(net, 0.5, Scope.GLOBAL);

        assertThat(plan.unitsAfter()).isEqualTo(8);
        assertThat(plan.kept().get(0)).as("the first layer keeps units of its own rank").hasSizeBetween(2, 6);
        assertThat(plan.kept().get(1)).hasSizeBetween(2, 6);
    }

    @Test
    void refusesToEmptyALayerOrToShrinkWhatCannotShrink() {
        assertThatThrownBy(() -> StructuredPruning.plan(TestNetworks.mlp(Map.of("units", 8L)), 0.95, Scope.LAYER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves none");
        assertThatThrownBy(() -> StructuredPruning.plan(TestNetworks.mlp(Map.of("hiddenLayers", 0L)), 0.5, Scope.LAYER))
                .hasMessageContaining("no layer");
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("units", 8L));
        assertThatThrownBy(() -> StructuredPruning.shrink(net, new StructuredPruning.Plan(Map.of(2, new int[]{0}), 10)))
                .as("the output layer keeps its classes").hasMessageContaining("cannot be shrunk");
        assertThatThrownBy(() -> StructuredPruning.shrink(net, new StructuredPruning.Plan(Map.of(0, new int[]{3, 1}), 16)))
                .hasMessageContaining("not ascending");
    }

    private static void assertSameOutputs(MultiLayerNetwork small, MultiLayerNetwork masked, INDArray features) {
        assertThat(maxDifference(small.output(features), masked.output(features))).isLessThan(1e-5);
    }

    static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
