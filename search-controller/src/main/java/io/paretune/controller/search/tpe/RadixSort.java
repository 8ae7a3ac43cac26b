package io.paretune.controller.search.tpe;

import java.util.Arrays;

/**
 * Least-significant-digit radix sort of non-negative longs by a range of their bits, skipping digits every key
 * shares. The sort is stable, so keys that arrive in ascending order of their bits below the range (an index, as
 * {@link NumericParzen#sortedOrder} makes them) come out fully sorted without a pass over those bits.
 */
final class RadixSort {

    /** Below this many keys a comparison sort is as fast. */
    private static final int SMALL = 64;
    /** From this many keys on, 11-bit digits (three passes for 32 bits) beat bytes (four): the counts stay small. */
    private static final int WIDE = 4096;

    private RadixSort() {
    }

    /**
     * Sorts {@code keys} ascending, given that they are non-negative, below 2^{@code high}, and already ascending in
     * their bits below {@code low}: only bits [low, high) are sorted on.
     */
    static void sort(long[] keys, int low, int high) {
        int n = keys.length;
        if (n < SMALL) {
            Arrays.sort(keys);
            return;
        }
        int width = n >= WIDE ? 11 : 8;
        int radix = 1 << width;
        int mask = radix - 1;
        int passes = (high - low + width - 1) / width;
        int[][] counts = new int[passes][radix];
        for (long k : keys) {
            long digits = k >>> low;
            for (int p = 0; p < passes; p++) {
                counts[p][(int) (digits >>> (width * p)) & mask]++;
            }
        }
        long[] from = keys;
        long[] to = new long[n];
        for (int p = 0; p < passes; p++) {
            int[] count = counts[p];
            int shift = low + width * p;
            if (count[(int) (from[0] >>> shift) & mask] == n) {
                continue; // every key has this digit: the pass would change nothing
            }
            int total = 0;
            for (int b = 0; b < radix; b++) {
                int c = count[b];
                count[b] = total;
                total += c;
            }
            for (long k : from) {
                to[count[(int) (k >>> shift) & mask]++] = k;
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
