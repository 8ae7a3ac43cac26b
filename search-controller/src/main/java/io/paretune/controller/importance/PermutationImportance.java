package io.paretune.controller.importance;

import java.util.SplittableRandom;

/**
 * Breiman's permutation importance on a random forest: each tree is grown on a bootstrap sample and scored on the rows
 * it did not see (out of bag); a column's importance is how much that error grows, averaged over the trees, when
 * the column's values are shuffled among those rows. Shares are the non-negative importances over their sum, so a
 * column the forest never needs gets 0 and the shares of a useful campaign sum to 1.
 */
public final class PermutationImportance {

    /** Trees of the forest; enough for stable shares on the tens to hundreds of trials a campaign has. */
    public static final int TREES = 100;
    static final int MAX_DEPTH = 8;
    static final int MIN_LEAF = 1;

    private PermutationImportance() {
    }

    /**
     * Each column's share of the importance (0 to 1; all 0 when no column lowers the error).
     *
     * @param x    one row per trial, one column per parameter
     * @param y    the objective per trial
     * @param seed the same seed gives the same shares
     */
    public static double[] shares(double[][] x, double[] y, long seed) {
        int n = y.length;
        int columns = n == 0 ? 0 : x[0].length;
        double[] increase = new double[columns];
        int scoredTrees = 0;
        SplittableRandom random = new SplittableRandom(seed);
        int columnsPerSplit = Math.max(1, (int) Math.ceil(columns / 3.0));
        for (int t = 0; t < TREES; t++) {
            int[] sample = new int[n];
            boolean[] inBag = new boolean[n];
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
                inBag[sample[i]] = true;
            }
            int[] outOfBag = java.util.stream.IntStream.range(0, n).filter(i -> !inBag[i]).toArray();
            if (outOfBag.length < 2) {
                continue;
            }
            RegressionTree tree = RegressionTree.grow(x, y, sample, columnsPerSplit, MAX_DEPTH, MIN_LEAF, random);
            double baseline = meanSquaredError(tree, x, y, outOfBag, -1, null);
            for (int c = 0; c < columns; c++) {
                int[] permuted = outOfBag.clone();
                RegressionTree.shuffle(permuted, random);
                increase[c] += meanSquaredError(tree, x, y, outOfBag, c, permuted) - baseline;
            }
            scoredTrees++;
        }
        double[] shares = new double[columns];
        double total = 0;
        for (int c = 0; c < columns; c++) {
            shares[c] = scoredTrees == 0 ? 0 : Math.max(0, increase[c] / scoredTrees);
            total += shares[c];
        }
        for (int c = 0; c < columns; c++) {
            shares[c] = total > 0 ? shares[c] / total : 0;
        }
        return shares;
    }

    /** The tree's error on {@code rows}, with column {@code c} taken from {@code donors} instead when c ≥ 0. */
    private static double meanSquaredError(RegressionTree tree, double[][] x, double[] y, int[] rows, int c,
                                           int[] donors) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            if (c >= 0) {
                row = row.clone();
                row[c] = x[donors[i]][c];
            }
            double error = tree.predict(row) - y[rows[i]];
            sum += error * error;
        }
        return sum / rows.length;
    }
}
