package io.paretune.controller.importance;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A CART regression tree grown for a random forest: each split minimizes the squared error over a random subset of
 * the columns, leaves predict their rows' mean. Rows are numbers only ({@link TrialTable} encodes parameters).
 */
final class RegressionTree {

    private final int[] column;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private int nodes;

    private RegressionTree(int capacity) {
        column = new int[capacity];
        threshold = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        value = new double[capacity];
    }

    /**
     * Grows a tree on the rows {@code rows} of {@code x} (repeats allowed: a bootstrap sample).
     *
     * @param columnsPerSplit columns tried at each split, drawn without replacement
     */
    static RegressionTree grow(double[][] x, double[] y, int[] rows, int columnsPerSplit, int maxDepth, int minLeaf,
                               SplittableRandom random) {
        RegressionTree tree = new RegressionTree(2 * rows.length + 1);
        tree.split(x, y, rows.clone(), 0, columnsPerSplit, maxDepth, minLeaf, random);
        return tree;
    }

    double predict(double[] row) {
        int node = 0;
        while (column[node] >= 0) {
            node = row[column[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    private int split(double[][] x, double[] y, int[] rows, int depth, int columnsPerSplit, int maxDepth,
                      int minLeaf, SplittableRandom random) {
        int node = nodes++;
        double mean = 0;
        for (int r : rows) {
            mean += y[r];
        }
        mean /= rows.length;
        value[node] = mean;
        column[node] = -1;
        if (depth >= maxDepth || rows.length < 2 * minLeaf) {
            return node;
        }
        int columns = x[0].length;
        int[] order = shuffled(columns, random);
        double bestScore = sumOfSquares(y, rows, mean);
        int bestColumn = -1;
        double bestThreshold = 0;
        for (int k = 0; k < Math.min(columnsPerSplit, columns); k++) {
            int c = order[k];
            Integer[] sorted = Arrays.stream(rows).boxed().toArray(Integer[]::new);
            Arrays.sort(sorted, (a, b) -> Double.compare(x[a][c], x[b][c]));
            double total = 0;
            double totalSquares = 0;
            for (int r : rows) {
                total += y[r];
                totalSquares += y[r] * y[r];
            }
            double leftSum = 0;
            double leftSquares = 0;
            for (int i = 0; i < sorted.length - 1; i++) {
                double v = y[sorted[i]];
                leftSum += v;
                leftSquares += v * v;
                int nLeft = i + 1;
                int nRight = sorted.length - nLeft;
                double here = x[sorted[i]][c];
                double next = x[sorted[i + 1]][c];
                if (nLeft < minLeaf || nRight < minLeaf || here == next) {
                    continue;
                }
                double rightSum = total - leftSum;
                double score = (leftSquares - leftSum * leftSum / nLeft)
                        + (totalSquares - leftSquares - rightSum * rightSum / nRight);
                if (score < bestScore - 1e-12) {
                    bestScore = score;
                    bestColumn = c;
                    bestThreshold = here;
                }
            }
        }
        if (bestColumn < 0) {
            return node;
        }
        final int c = bestColumn;
        final double t = bestThreshold;
        int[] leftRows = Arrays.stream(rows).filter(r -> x[r][c] <= t).toArray();
        int[] rightRows = Arrays.stream(rows).filter(r -> x[r][c] > t).toArray();
        column[node] = c;
        threshold[node] = t;
        left[node] = split(x, y, leftRows, depth + 1, columnsPerSplit, maxDepth, minLeaf, random);
        right[node] = split(x, y, rightRows, depth + 1, columnsPerSplit, maxDepth, minLeaf, random);
        return node;
    }

    private static double sumOfSquares(double[] y, int[] rows, double mean) {
        double s = 0;
        for (int r : rows) {
            s += (y[r] - mean) * (y[r] - mean);
        }
        return s;
    }

    /** 0 .. n-1 in a random order. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    /** Fisher-Yates, in place. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
