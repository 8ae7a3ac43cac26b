package io.paretune.worker.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ShuffledBatchIteratorTest {

    /** Row i holds the value i everywhere, so a row tells where it came from. */
    private static DataSet numberedRows(int rows) {
        INDArray features = Nd4j.create(rows, 4);
        INDArray labels = Nd4j.create(rows, 2);
        for (int i = 0; i < rows; i++) {
            features.getRow(i).assign(i);
            labels.getRow(i).assign(-i);
        }
        return new DataSet(features, labels);
    }

    @Test
    void batchesAreViewsOfTheShuffledRowsCoveringEveryImageOnce() {
        ShuffledBatchIterator it = new ShuffledBatchIterator(numberedRows(10), 4, 1L, () -> false);
        it.reset();
        int[] order = it.currentOrder();

        List<Integer> seen = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            assertThat(batch.getFeatures().isView()).as("no per-batch copy").isTrue();
            sizes.add(batch.getFeatures().size(0));
            for (int r = 0; r < batch.getFeatures().size(0); r++) {
                int row = (int) batch.getFeatures().getDouble(r, 0);
                assertThat(batch.getLabels().getDouble(r, 1)).isEqualTo(-row);
                seen.add(row);
            }
        }
        assertThat(sizes).containsExactly(4L, 4L, 2L);
        assertThat(seen).containsExactlyElementsOf(Arrays.stream(order).boxed().toList());
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(it.asyncSupported()).isTrue();
    }

    @Test
    void sameSeedSameOrdersAndEveryEpochANewOne() {
        ShuffledBatchIterator a = new ShuffledBatchIterator(numberedRows(50), 8, 7L, () -> false);
        ShuffledBatchIterator b = new ShuffledBatchIterator(numberedRows(50), 8, 7L, () -> false);
        a.reset();
        b.reset();
        int[] first = a.currentOrder();
        assertThat(b.currentOrder()).containsExactly(first);
        a.reset();
        assertThat(a.currentOrder()).isNotEqualTo(first);
    }

    @Test
    void anIteratorResumedAfterTwoEpochsDrawsWhatTheThirdResetDraws() {
        ShuffledBatchIterator uninterrupted = new ShuffledBatchIterator(numberedRows(50), 8, 7L, () -> false);
        List<int[]> orders = new ArrayList<>();
        for (int epoch = 1; epoch <= 4; epoch++) {
            uninterrupted.reset();
            orders.add(uninterrupted.currentOrder());
        }
        ShuffledBatchIterator resumed = new ShuffledBatchIterator(numberedRows(50), 8, 7L, 2, () -> false);

        resumed.reset();
        assertThat(resumed.epoch()).isEqualTo(3);
        assertThat(resumed.currentOrder()).containsExactly(orders.get(2));
        resumed.reset();
        assertThat(resumed.currentOrder()).containsExactly(orders.get(3));
        assertThat(orders.get(2)).isNotEqualTo(orders.get(3));
    }

    @Test
    void stopRequestEndsTheEpoch() {
        AtomicBoolean stop = new AtomicBoolean();
        ShuffledBatchIterator it = new ShuffledBatchIterator(numberedRows(10), 2, 1L, stop::get);
        it.reset();
        it.next();
        stop.set(true);
        assertThat(it.hasNext()).isFalse();
    }
}
