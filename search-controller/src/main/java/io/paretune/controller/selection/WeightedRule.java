package io.paretune.controller.selection;

import io.paretune.contract.campaign.SelectionSpec;

/**
 * The trial with the least weighted sum of normalized objectives (0 the front's best value, 1 its worst), among the
 * feasible trials (all trials when none is feasible). With weights {@code >= 0} that least sum is always reached on
 * the front (a trial's dominator sums no more), so the rule looks there: a dominated trial never wins a tie.
 */
final class WeightedRule implements SelectionRule {

    private final SelectionSpec spec;

    WeightedRule(SelectionSpec spec) {
        this.spec = spec;
    }

    @Override
    public Choice choose(TradeOffs tradeOffs) {
        double[] weights = tradeOffs.spec().objectives().stream().mapToDouble(o -> spec.weight(o.metric())).toArray();
        Scored best = null;
        double bestSum = Double.POSITIVE_INFINITY;
        for (Scored s : tradeOffs.front()) {
            double[] n = tradeOffs.normalized(s);
            double sum = 0;
            for (int k = 0; k < n.length; k++) {
                sum += weights[k] * n[k];
            }
            if (sum < bestSum) {
                best = s;
                bestSum = sum;
            }
        }
        return Choice.of(best);
    }
}
