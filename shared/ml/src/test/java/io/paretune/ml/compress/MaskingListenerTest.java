package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig.Scope;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Masks held through real training on Fashion-MNIST images. */
class MaskingListenerTest {

    private static final DataSet IMAGES = TestNetworks.images(320);
    private static final int BATCH = 32; // 10 updates per epoch

    @Test
    void prunedWeightsStayExactlyZeroAfterTheLastUpdateAndASaveLoadRoundTrip(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 2L, "units", 64L));
        TestNetworks.trainEpoch(net, IMAGES, BATCH);
        Masks masks = Masks.magnitude(net, 0.8, Scope.GLOBAL);
        masks.applyTo(net);
        INDArray keptBefore = net.getParam("0_W").dup();

        net.setListeners(MaskingListener.holding(masks));
        TestNetworks.trainEpoch(net, IMAGES, BATCH);
        TestNetworks.trainEpoch(net, IMAGES, BATCH);

        assertPrunedAreZero(net, masks);
        assertThat(net.getParam("0_W")).as("the kept weights trained on").isNotEqualTo(keptBefore);
        assertThat(PrunableWeights.sparsity(net)).isCloseTo(0.8, within(1e-4));
        File saved = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertPrunedAreZero(restored, masks);
        assertThat(Masks.ofZeros(restored).prunedCount()).isEqualTo(masks.prunedCount());
    }

    @Test
    void gradualPruningReachesEachScheduledSparsityAndResumesFromACheckpoint(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = TestNetworks.mlp(Map.of("hiddenLayers", 1L, "units", 32L));
        // Epochs 1-2 of 10 updates, masks every update: after epoch 1, 0.75 · (1 − 0.5³).
        PruningSchedule schedule = PruningSchedule.ofEpochs(0.75, 0, 2, 10);
        MaskingListener pruning = MaskingListener.gradual(schedule, Scope.LAYER, null);
        net.setListeners(pruning);

        TestNetworks.trainEpoch(net, IMAGES, BATCH);

        assertThat(net.getIterationCount()).isEqualTo(10);
        assertThat(pruning.masks().sparsity()).isCloseTo(0.65625, within(1e-3));
        assertThat(PrunableWeights.sparsity(net)).isCloseTo(0.65625, within(1e-3));
        assertPrunedAreZero(net, pruning.masks());

        // A checkpoint: the network (its iteration count included) and the masks, resumed elsewhere.
        File saved = dir.resolve("checkpoint.zip").toFile();
        ModelSerializer.writeModel(net, saved, true);
        byte[] maskBytes = pruning.masks().toBytes();
        MultiLayerNetwork resumed = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        MaskingListener resumedPruning = MaskingListener.gradual(schedule, Scope.LAYER, Masks.fromBytes(maskBytes, resumed));
        resumed.setListeners(resumedPruning);
        TestNetworks.trainEpoch(resumed, IMAGES, BATCH);

        assertThat(resumedPruning.masks().sparsity()).isCloseTo(0.75, within(1e-3));
        assertPrunedAreZero(resumed, resumedPruning.masks());
        assertPrunedAreZero(resumed, pruning.masks());
    }

    private static void assertPrunedAreZero(MultiLayerNetwork net, Masks masks) {
        for (String key : masks.keys()) {
            float[] w = PrunableWeights.values(net.getParam(key));
            float[] keep = PrunableWeights.values(masks.mask(key));
            for (int i = 0; i < w.length; i++) {
                if (keep[i] == 0 && w[i] != 0) {
                    throw new AssertionError(key + "[" + i + "] is pruned but " + w[i]);
                }
            }
        }
    }
}
