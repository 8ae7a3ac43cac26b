package io.paretune.ml.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns chosen Fashion-MNIST images into ND4J arrays: features {@code [n, 784]} float32 scaled to [0, 1], labels
 * one-hot {@code [n, 10]}. Built once per trial; minibatches are views of these, so no per-batch copying of bytes.
 *
 * <pre>{@code
 * DataSet validation = ImageBatches.of(data.trainImages(), data::trainLabel, split.validation());
 * }</pre>
 */
public final class ImageBatches {

    /** Label of image i. */
    @FunctionalInterface
    public interface Labels {
        int label(int index);
    }

    private ImageBatches() {
    }

    public static DataSet of(IdxReader.Images images, Labels labels, int[] indices) {
        int n = indices.length;
        int pixels = images.pixelsPerImage();
        float[] features = new float[n * pixels];
        float[] oneHot = new float[n * FashionMnist.CLASSES];
        byte[] raw = images.pixels();
        for (int row = 0; row < n; row++) {
            int src = indices[row] * pixels;
            int dst = row * pixels;
            for (int p = 0; p < pixels; p++) {
                features[dst + p] = (raw[src + p] & 0xFF) / 255f;
            }
            oneHot[row * FashionMnist.CLASSES + labels.label(indices[row])] = 1f;
        }
        INDArray x = Nd4j.create(features, new long[]{n, pixels}, 'c');
        INDArray y = Nd4j.create(oneHot, new long[]{n, FashionMnist.CLASSES}, 'c');
        return new DataSet(x, y);
    }

    /** Every test image, in file order. */
    public static DataSet test(FashionMnist data) {
        return of(data.testImages(), data::testLabel, range(data.testCount()));
    }

    public static int[] range(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
