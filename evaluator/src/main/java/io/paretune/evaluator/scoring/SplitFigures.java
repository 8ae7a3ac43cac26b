package io.paretune.evaluator.scoring;

import io.paretune.ml.data.IdxReader;
import io.paretune.ml.data.ImageBatches;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Accuracy and mean cross-entropy of a network on some images. The loss is computed from the network's output
 * probabilities alone (no regularization terms), so that it means the same for every trial whatever its L2.
 */
record SplitFigures(double accuracy, double loss, int images) {

    /** Probabilities below this are clipped before the log, as DL4J's own MCXENT loss does. */
    private static final double MIN_PROBABILITY = 1e-10;

    static SplitFigures measure(MultiLayerNetwork net, IdxReader.Images images, ImageBatches.Labels labels,
                                int[] indices, int batchSize) {
        long correct = 0;
        double lossSum = 0;
        // In slices, so that the 54,000 training images never sit in memory as one float array.
        for (int start = 0; start < indices.length; start += batchSize) {
            int[] slice = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batchSize));
            INDArray output = net.output(ImageBatches.of(images, labels, slice).getFeatures(), false);
            float[][] probabilities = output.toFloatMatrix();
            for (int row = 0; row < slice.length; row++) {
                int label = labels.label(slice[row]);
                float[] p = probabilities[row];
                if (argMax(p) == label) {
                    correct++;
                }
                lossSum -= Math.log(Math.max(p[label], MIN_PROBABILITY));
            }
        }
        int n = indices.length;
        return new SplitFigures(n == 0 ? Double.NaN : (double) correct / n, n == 0 ? Double.NaN : lossSum / n, n);
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
