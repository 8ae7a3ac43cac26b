package io.paretune.evaluator.scoring;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Speed of a network's forward pass in inference mode ({@code train=false}) on this machine: batch-1 latency
 * percentiles and batched throughput. Each forward pass is timed on its own with {@link System#nanoTime()}, after
 * untimed warm-up passes, so that percentiles describe single requests rather than an average.
 */
final class InferenceSpeed {

    private InferenceSpeed() {
    }

    /** Batch-1 latency in milliseconds. */
    record Latency(double p50Ms, double p95Ms) {
    }

    static Latency latency(MultiLayerNetwork net, INDArray singleRow, int warmup, int repetitions) {
        for (int i = 0; i < warmup; i++) {
            net.output(singleRow, false);
        }
        long[] nanos = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            net.output(singleRow, false);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Latency(percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.95) / 1e6);
    }

    /** Images per second over {@code batches} timed forward passes of {@code batch}. */
    static double throughput(MultiLayerNetwork net, INDArray batch, int warmupBatches, int batches) {
        for (int i = 0; i < warmupBatches; i++) {
            net.output(batch, false);
        }
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            net.output(batch, false);
        }
        long elapsed = Math.max(1, System.nanoTime() - start);
        return batches * batch.size(0) / (elapsed / 1e9);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least {@code q} of them at or below it. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
