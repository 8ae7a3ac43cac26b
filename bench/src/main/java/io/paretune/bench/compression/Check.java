package io.paretune.bench.compression;

/**
 * One measured figure against its threshold: {@code measured op threshold} (op {@code >=}, {@code <=} or {@code >}).
 * No measurement (nothing to measure it on) never meets the threshold.
 */
record Check(String figure, String op, double threshold, Double measured, boolean met) {

    static Check atLeast(String figure, double threshold, Double measured) {
        return new Check(figure, ">=", threshold, measured, measured != null && measured >= threshold - 1e-9);
    }

    static Check atMost(String figure, double threshold, Double measured) {
        return new Check(figure, "<=", threshold, measured, measured != null && measured <= threshold + 1e-9);
    }

    static Check above(String figure, double threshold, Double measured) {
        return new Check(figure, ">", threshold, measured, measured != null && measured > threshold);
    }
}
