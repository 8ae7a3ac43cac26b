package io.paretune.controller.importance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which parameters mattered to an objective over a campaign's finished trials ({@link PermutationImportance} over
 * {@link TrialTable}), most important first.
 */
public final class ParameterImportances {

    /** Fewer trials leave too few out-of-bag rows per tree to measure anything. */
    public static final int MIN_TRIALS = 5;
    public static final String METHOD = "permutation importance on a random forest (" + PermutationImportance.TREES
            + " trees, out-of-bag squared error) over the COMPLETE trials";

    private ParameterImportances() {
    }

    /** A parameter's share of the importance. */
    public record Share(String parameter, double importance) {
    }

    /** The result: shares, or why there are none. */
    public record Result(List<Share> shares, String omitted) {
    }

    /**
     * @param params per trial, its parameters
     * @param values per trial, the objective (same order); its direction does not matter, only how it varies
     * @param seed   the same seed gives the same shares
     */
    public static Result of(List<Map<String, Object>> params, List<Double> values, long seed) {
        if (params.size() < MIN_TRIALS) {
            return new Result(List.of(), "needs at least " + MIN_TRIALS + " COMPLETE trials, has " + params.size());
        }
        TrialTable table = TrialTable.of(params);
        if (table.parameters().isEmpty()) {
            return new Result(List.of(), "no parameter took more than one value");
        }
        double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] shares = PermutationImportance.shares(table.x(), y, seed);
        List<Share> result = new ArrayList<>();
        for (int c = 0; c < shares.length; c++) {
            result.add(new Share(table.parameters().get(c), shares[c]));
        }
        result.sort(Comparator.comparingDouble(Share::importance).reversed().thenComparing(Share::parameter));
        return new Result(List.copyOf(result), null);
    }
}
