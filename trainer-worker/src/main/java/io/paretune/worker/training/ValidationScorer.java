package io.paretune.worker.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Cross-entropy and accuracy of a network on a fixed image set, in inference mode (no dropout, batch-norm running
 * statistics), in chunks so that wide networks do not need all activations at once. The loss is the data term
 * only: no L1/L2 penalty, so trials with different penalties compare on the same scale.
 *
 * <pre>{@code
 * ValidationScorer scorer = new ValidationScorer(validation);
 * ValidationScorer.Score score = scorer.score(net);
 * }</pre>
 */
public final class ValidationScorer {

    /** Probabilities below this are clipped before the logarithm, as DL4J's MCXENT loss does. */
    private static final double MIN_PROBABILITY = 1e-10;
    private static final int CHUNK = 2048;

    private final INDArray features;
    private final int[] labels;

    public ValidationScorer(DataSet data) {
        this.features = data.getFeatures();
        INDArray oneHot = data.getLabels();
        int rows = (int) oneHot.size(0);
        int classes = (int) oneHot.size(1);
        float[] flat = oneHot.reshape(oneHot.length()).toFloatVector();
        this.labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (flat[r * classes + c] > flat[r * classes + best]) {
                    best = c;
                }
            }
            labels[r] = best;
        }
    }

    /** Mean cross-entropy (NaN when the network outputs NaN) and accuracy. */
    public record Score(double loss, double accuracy) {
    }

    public int size() {
        return labels.length;
    }

    public Score score(MultiLayerNetwork net) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < labels.length; start += CHUNK) {
            int end = Math.min(start + CHUNK, labels.length);
            INDArray probabilities = net.output(features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), false);
            int classes = (int) probabilities.size(1);
            float[] p = probabilities.reshape(probabilities.length()).toFloatVector();
            if (probabilities.closeable()) {
                probabilities.close(); // off-heap memory back now, not at the next GC
            }
            for (int r = 0; r < end - start; r++) {
                int base = r * classes;
                int predicted = 0;
                for (int c = 0; c < classes; c++) {
                    if (Float.isNaN(p[base + c])) {
                        return new Score(Double.NaN, Double.NaN);
                    }
                    if (p[base + c] > p[base + predicted]) {
                        predicted = c;
                    }
                }
                int label = labels[start + r];
                lossSum -= Math.log(Math.max(p[base + label], MIN_PROBABILITY));
                if (predicted == label) {
                    correct++;
                }
            }
        }
        return new Score(lossSum / labels.length, (double) correct / labels.length);
    }
}
