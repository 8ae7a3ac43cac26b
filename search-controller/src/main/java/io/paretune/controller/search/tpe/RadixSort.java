package io.paretune.controller.search.tpe;

import java.util.Arrays;

/** Least-significant-digit radix sort of non-negative longs, a byte per pass, skipping bytes every key shares. */
final class RadixSort {

    /** Below this many keys a comparison sort is as fast. */
    private static final int SMALL = 64;

    private RadixSort() {
    }

    /** Sorts {@code keys} ascending; every key must be non-negative and below 2^{@code bits}. */
    static void sort(long[] keys, int bits) {
        int n = keys.length;
        if (n < SMALL) {
            Arrays.sort(keys);
            return;
        }
        int passes = (bits + 7) / 8;
        int[][] counts = new int[passes][256];
        for (long k : keys) {
            for (int p = 0; p < passes; p++) {
                counts[p][(int) (k >>> (8 * p)) & 0xFF]++;
            }
        }
        long[] from = keys;
        long[] to = new long[n];
        for (int p = 0; p < passes; p++) {
            int[] count = counts[p];
            int shift = 8 * p;
            if (count[(int) (from[0] >>> shift) & 0xFF] == n) {
                continue; // every key has this byte: the pass would change nothing
            }
            int total = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = total;
                total += c;
            }
            for (long k : from) {
                to[count[(int) (k >>> shift) & 0xFF]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }
}
