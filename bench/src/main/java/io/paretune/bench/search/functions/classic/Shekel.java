package io.paretune.bench.search.functions.classic;

/**
 * Shekel with m = 5, 7 or 10 wells: {@code -Σ_{i≤m} 1 / (Σ_j (x_j - C_ji)² + β_i)} on [0, 10]^4, with the usual C and
 * β (Surjanovic &amp; Bingham's library of test functions); deep narrow wells at the columns of C, the deepest near
 * (4, 4, 4, 4). Not shifted. The literature gives the minima rounded (-10.1532, -10.4029, -10.5364) at (4, 4, 4, 4);
 * the true minima lie slightly off it and are used here, computed to double precision.
 */
public final class Shekel extends BoxFunction {

    private static final double[][] C = {
            {4, 1, 8, 6, 3, 2, 5, 8, 6, 7},
            {4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6},
            {4, 1, 8, 6, 3, 2, 5, 8, 6, 7},
            {4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6}};
    private static final double[] BETA = {0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5};

    private final int wells;

    public Shekel(int wells) {
        super("shekel" + wells, 0, 10, new double[4], argmin(wells), optimum(wells));
        this.wells = wells;
    }

    private static double[] argmin(int wells) {
        return switch (wells) {
            case 5 -> new double[] {4.000037152819676, 4.00013327659156, 4.000037152819676, 4.00013327659156};
            case 7 -> new double[] {4.000572819251117, 3.9996062096096887, 4.000572819251117, 3.9996062096096887};
            case 10 -> new double[] {4.000746868270634, 3.9995094800857736, 4.000746868270634, 3.9995094800857736};
            default -> throw new IllegalArgumentException("Shekel has 5, 7 or 10 wells, got " + wells);
        };
    }

    private static double optimum(int wells) {
        return switch (wells) {
            case 5 -> -10.153199679058227;
            case 7 -> -10.402915336777744;
            default -> -10.536443153483528;
        };
    }

    @Override
    double formula(double[] x) {
        double sum = 0;
        for (int i = 0; i < wells; i++) {
            double inner = BETA[i];
            for (int j = 0; j < 4; j++) {
                inner += (x[j] - C[j][i]) * (x[j] - C[j][i]);
            }
            sum += 1 / inner;
        }
        return -sum;
    }

    @Override
    String formulaText() {
        return "Shekel (m = " + wells + "): -sum_{i<=m} 1 / (sum_j (x_j - C_ji)^2 + beta_i), C and beta as in "
                + "Surjanovic & Bingham";
    }
}
