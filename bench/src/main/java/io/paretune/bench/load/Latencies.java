package io.paretune.bench.load;

import io.paretune.bench.Stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latencies of one kind of request, in nanoseconds as measured, summarized in milliseconds for the JSON. One
 * recorder per client (no locking on the hot path), merged when the run ends.
 *
 * <pre>{@code
 * Latencies ask = new Latencies();
 * ask.add(System.nanoTime() - start);
 * Map<String, Object> json = Latencies.merge(perClient).summary();
 * }</pre>
 */
public final class Latencies {

    private long[] nanos = new long[256];
    private int size;

    public void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    public int count() {
        return size;
    }

    public static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.nanos[i]);
            }
        }
        return all;
    }

    /** The {@code q}-quantile in milliseconds, interpolated as numpy does by default. */
    public double percentileMs(double q) {
        return Stats.percentile(millis(), q);
    }

    /** {@code {"count", "meanMs", "p50Ms", "p90Ms", "p99Ms", "maxMs"}}; only the count when there are none. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", size);
        if (size == 0) {
            return out;
        }
        double[] ms = millis();
        out.put("meanMs", Stats.round(Arrays.stream(ms).average().orElseThrow(), 2));
        out.put("p50Ms", Stats.round(Stats.percentile(ms, 0.50), 2));
        out.put("p90Ms", Stats.round(Stats.percentile(ms, 0.90), 2));
        out.put("p99Ms", Stats.round(Stats.percentile(ms, 0.99), 2));
        out.put("maxMs", Stats.round(Arrays.stream(ms).max().orElseThrow(), 2));
        return out;
    }

    private double[] millis() {
        double[] ms = new double[size];
        for (int i = 0; i < size; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ms;
    }
}
