package io.paretune.ml.compress;

import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.contract.search.CompressionConfig.Scope;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasksTest {

    private final MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 32L, "batchNorm", true));

    @Test
    void onlyTheWeightsOfDenseAndOutputLayersArePrunable() {
        assertThat(PrunableWeights.keys(net)).containsExactly("0_W", "2_W", "4_W");
        assertThat(PrunableWeights.count(net)).isEqualTo(784 * 32 + 32 * 32 + 32 * 10);
        assertThat(PrunableWeights.keys(TestNetworks.cnn(Map.of("filters", 4L, "batchNorm", true, "denseUnits", 8L))))
                .containsExactly("0_W", "3_W", "6_W", "7_W");
    }

    @Test
    void layerScopePrunesTheSameFractionOfEveryLayer() {
        INDArray biasBefore = net.getParam("0_b").dup();
        Masks masks = Masks.magnitude(net, 0.75, Scope.LAYER);
        masks.applyTo(net);

        for (String key : PrunableWeights.keys(net)) {
            long n = net.getParam(key).length();
            assertThat(zeros(net.getParam(key))).as(key).isEqualTo(Math.round(0.75 * n));
        }
        assertThat(masks.prunedCount()).isEqualTo(Math.round(0.75 * 25_088) + Math.round(0.75 * 1_024) + 240);
        assertThat(net.getParam("0_b")).as("biases are never pruned").isEqualTo(biasBefore);
        assertThat(net.getParam("1_gamma").minNumber().doubleValue()).as("nor batch norm").isEqualTo(1.0);
    }

    @Test
    void globalScopeUsesOneThresholdOverAllLayers() {
        Masks masks = Masks.magnitude(net, 0.6, Scope.GLOBAL);
        float largestPruned = 0;
        float smallestKept = Float.MAX_VALUE;
        for (String key : masks.keys()) {
            float[] w = PrunableWeights.values(net.getParam(key));
            float[] keep = PrunableWeights.values(masks.mask(key));
            for (int i = 0; i < w.length; i++) {
                if (keep[i] == 0) {
                    largestPruned = Math.max(largestPruned, Math.abs(w[i]));
                } else {
                    smallestKept = Math.min(smallestKept, Math.abs(w[i]));
                }
            }
        }

        assertThat(largestPruned).isLessThanOrEqualTo(smallestKept);
        assertThat(masks.prunedCount()).isEqualTo(Math.round(0.6 * PrunableWeights.count(net)));
        assertThat(masks.sparsity()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void morePruningKeepsWhatWasPrunedBefore() {
        Masks first = Masks.magnitude(net, 0.3, Scope.GLOBAL);
        first.applyTo(net);
        // Weights change after pruning (training): a pruned weight must stay pruned even if others shrink below it.
        net.getParam("0_W").muli(0.01);
        Masks second = Masks.magnitude(net, 0.5, Scope.GLOBAL, first);

        for (String key : first.keys()) {
            float[] before = PrunableWeights.values(first.mask(key));
            float[] after = PrunableWeights.values(second.mask(key));
            for (int i = 0; i < before.length; i++) {
                if (before[i] == 0) {
                    assertThat(after[i]).isZero();
                }
            }
        }
        assertThat(second.prunedCount()).isEqualTo(Math.round(0.5 * PrunableWeights.count(net)));
    }

    @Test
    void roundTripsThroughBytesAgainstTheSameNetwork() throws Exception {
        Masks masks = Masks.magnitude(net, 0.9, Scope.LAYER);

        Masks read = Masks.fromBytes(masks.toBytes(), net);

        assertThat(read.keys()).containsExactlyElementsOf(masks.keys());
        for (String key : masks.keys()) {
            assertThat(read.mask(key)).isEqualTo(masks.mask(key));
        }
        assertThat(masks.toBytes().length).as("a bitmap: an eighth of a byte per weight, plus a small header")
                .isLessThan((int) PrunableWeights.count(net) / 8 + 100);
    }

    @Test
    void garbledOrForeignMaskFilesAreRefused() {
        byte[] good = Masks.magnitude(net, 0.5, Scope.LAYER).toBytes();

        assertThatThrownBy(() -> Masks.fromBytes("not masks".getBytes(), net))
                .isInstanceOf(InvalidArtifactException.class);
        assertThatThrownBy(() -> Masks.fromBytes(Arrays.copyOf(good, good.length - 1), net))
                .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> Masks.fromBytes(Arrays.copyOf(good, good.length + 1), net))
                .hasMessageContaining("after its last mask");
        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).putInt(8, Integer.MAX_VALUE);
        assertThatThrownBy(() -> Masks.fromBytes(hugeCount, net)).hasMessageContaining("declares 2147483647 arrays");
        byte[] hugeShape = good.clone();
        // after magic (8), count (4), key "0_W" (2 + 3), rank (4): the first dimension
        ByteBuffer.wrap(hugeShape).putLong(21, 1L << 40);
        assertThatThrownBy(() -> Masks.fromBytes(hugeShape, net)).hasMessageContaining("has shape [1099511627776, 32]");
        MultiLayerNetwork other = TestNetworks.mlp(Map.of("hiddenLayers", 1L, "units", 16L));
        assertThatThrownBy(() -> Masks.fromBytes(good, other)).isInstanceOf(InvalidArtifactException.class);
    }

    static long zeros(INDArray a) {
        long zeros = 0;
        for (float v : PrunableWeights.values(a)) {
            if (v == 0) {
                zeros++;
            }
        }
        return zeros;
    }
}
