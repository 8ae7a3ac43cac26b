package io.paretune.ml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the real files of the Debian package dataset-fashion-mnist. */
class FashionMnistTest {

    @Test
    void loadsTheInstalledDataSet() {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));

        assertThat(data.trainCount()).isEqualTo(60_000);
        assertThat(data.testCount()).isEqualTo(10_000);
        int[] perClass = new int[FashionMnist.CLASSES];
        for (int i = 0; i < data.trainCount(); i++) {
            perClass[data.trainLabel(i)]++;
        }
        assertThat(perClass).as("Fashion-MNIST is balanced: 6,000 per class").containsOnly(6_000);
        assertThat(FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR))).as("cached").isSameAs(data);
    }

    @Test
    void missingFilesNameTheDirectoryAndThePackage(@TempDir Path empty) {
        assertThatThrownBy(() -> FashionMnist.load(empty))
                .isInstanceOf(FashionMnist.DatasetMissingException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("dataset-fashion-mnist");
    }

    @Test
    void imageBatchesScalePixelsAndOneHotLabels() {
        FashionMnist data = FashionMnist.load(Path.of(FashionMnist.DEFAULT_DIR));
        var batch = ImageBatches.of(data.trainImages(), data::trainLabel, new int[]{5, 0});

        assertThat(batch.getFeatures().shape()).containsExactly(2, 784);
        assertThat(batch.getLabels().shape()).containsExactly(2, 10);
        assertThat(batch.getFeatures().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(batch.getFeatures().getDouble(1, 300)).isEqualTo(data.trainImages().pixel(0, 300) / 255.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(batch.getLabels().getDouble(0, data.trainLabel(5))).isEqualTo(1.0);
        assertThat(batch.getLabels().sumNumber().doubleValue()).isEqualTo(2.0);
        assertThat(Arrays.stream(ImageBatches.range(3)).boxed()).containsExactly(0, 1, 2);
    }
}
