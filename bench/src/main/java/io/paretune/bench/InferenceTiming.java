package io.paretune.bench;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Batch-1 latency and batch-256 throughput of a trained network, measured the same way by every benchmark here:
 * single rows cycled (so no one row stays in cache), a warm-up before each timing, nanosecond clocks.
 *
 * <pre>{@code
 * InferenceTiming t = InferenceTiming.measure(net::output, rows, batch, 5000, 500, 300, 30);
 * t.latencyMs(0.95);
 * }</pre>
 *
 * @param sortedNanos          batch-1 times, ascending
 * @param batchSamplesPerSecond images per second over the timed batch passes
 */
public record InferenceTiming(long[] sortedNanos, double batchSamplesPerSecond) {

    public static InferenceTiming measure(UnaryOperator<INDArray> output, INDArray[] rows, INDArray batch, int latencyReps,
                                   int latencyWarmup, int batchReps, int batchWarmup) {
        for (int i = 0; i < latencyWarmup; i++) {
            output.apply(rows[i % rows.length]);
        }
        long[] nanos = new long[latencyReps];
        for (int i = 0; i < latencyReps; i++) {
            long t = System.nanoTime();
            output.apply(rows[i % rows.length]);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        for (int i = 0; i < batchWarmup; i++) {
            output.apply(batch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < batchReps; i++) {
            output.apply(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new InferenceTiming(nanos, batch.size(0) * (double) batchReps / seconds);
    }

    /** The {@code q} quantile of the batch-1 latency (nearest rank), in milliseconds. */
    public double latencyMs(double q) {
        int index = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
