package io.paretune.worker.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Minibatches of a training set in a new order every epoch. Each {@link #reset()} moves to the next epoch, draws its
 * permutation from the job's seed and the epoch number alone (so that a trial resumed at epoch {@code n} shuffles
 * epoch {@code n + 1} as an uninterrupted run does) and gathers the rows into one buffer allocated once per trial; minibatches are then views of
 * consecutive rows of that buffer, so no feature array is allocated per batch. {@link #asyncSupported()} is true:
 * {@code MultiLayerNetwork.fit} prefetches the next views on a background thread.
 *
 * <pre>{@code
 * ShuffledBatchIterator batches = new ShuffledBatchIterator(train, 128, seed, () -> false);
 * batches.reset();      // epoch 1 order
 * net.fit(batches);
 * ShuffledBatchIterator resumed = new ShuffledBatchIterator(train, 128, seed, 4, () -> false);
 * resumed.reset();      // epoch 5 order
 * }</pre>
 */
public final class ShuffledBatchIterator implements DataSetIterator, AutoCloseable {

    private final INDArray features;
    private final INDArray labels;
    private final INDArray shuffledFeatures;
    private final INDArray shuffledLabels;
    private final int batchSize;
    private final int count;
    private final int[] order;
    private final long seed;
    private final BooleanSupplier stopRequested;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param stopRequested checked before every minibatch; when true the epoch ends early (cancellation, divergence)
     */
    public ShuffledBatchIterator(DataSet data, int batchSize, long seed, BooleanSupplier stopRequested) {
        this(data, batchSize, seed, 0, stopRequested);
    }

    /**
     * @param epochsDone    epochs trained before this iterator: the first {@link #reset()} draws epoch
     *                      {@code epochsDone + 1}
     * @param stopRequested checked before every minibatch; when true the epoch ends early (cancellation, divergence)
     */
    public ShuffledBatchIterator(DataSet data, int batchSize, long seed, int epochsDone, BooleanSupplier stopRequested) {
        if (epochsDone < 0) {
            throw new IllegalArgumentException("epochsDone must not be negative: " + epochsDone);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.features = data.getFeatures();
        this.labels = data.getLabels();
        this.count = (int) features.size(0);
        if (count == 0) {
            throw new IllegalArgumentException("no training images");
        }
        this.shuffledFeatures = Nd4j.create(features.dataType(), features.shape(), 'c');
        this.shuffledLabels = Nd4j.create(labels.dataType(), labels.shape(), 'c');
        this.batchSize = batchSize;
        this.order = new int[count];
        this.seed = seed;
        this.epoch = epochsDone;
        this.stopRequested = stopRequested;
        this.cursor = count; // nothing to read before the first reset
    }

    /** Moves to the next epoch, draws its order and gathers the rows in it. */
    @Override
    public void reset() {
        epoch++;
        SplittableRandom random = new SplittableRandom(EpochSeeds.shuffle(seed, epoch));
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Nd4j.pullRows(features, shuffledFeatures, 1, order);
        Nd4j.pullRows(labels, shuffledLabels, 1, order);
        cursor = 0;
    }

    /** The epoch whose order {@link #reset()} drew last (0 before the first). */
    public int epoch() {
        return epoch;
    }

    /** Original row index of each position of the current epoch, for tests. */
    int[] currentOrder() {
        return order.clone();
    }

    @Override
    public boolean hasNext() {
        return cursor < count && !stopRequested.getAsBoolean();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (cursor >= count) {
            throw new NoSuchElementException("epoch finished; call reset()");
        }
        int end = Math.min(cursor + num, count);
        DataSet batch = new DataSet(
                shuffledFeatures.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()),
                shuffledLabels.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()));
        cursor = end;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    public int count() {
        return count;
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Frees the shuffle buffers now rather than when the garbage collector gets to them (they can be large). */
    @Override
    public void close() {
        shuffledFeatures.close();
        shuffledLabels.close();
    }
}
