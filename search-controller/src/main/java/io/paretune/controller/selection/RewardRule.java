package io.paretune.controller.selection;

import io.paretune.contract.campaign.SelectionSpec;

/**
 * MnasNet's reward (Tan et al. 2019), {@code accuracy · (m / target)^w} with {@code w = alpha} when
 * {@code m <= target} and {@code beta} above: the trial with the highest, among the feasible trials (all trials when
 * none is feasible). Trials without a finite accuracy or a positive cost are left out.
 */
final class RewardRule implements SelectionRule {

    private final SelectionSpec spec;

    RewardRule(SelectionSpec spec) {
        this.spec = spec;
    }

    /** The reward of a trial with {@code accuracy} at cost {@code m}. */
    static double reward(double accuracy, double m, double target, double alpha, double beta) {
        return accuracy * Math.pow(m / target, m <= target ? alpha : beta);
    }

    @Override
    public Choice choose(TradeOffs tradeOffs) {
        Scored best = null;
        double bestReward = Double.NEGATIVE_INFINITY;
        for (Scored s : tradeOffs.pool()) {
            Double accuracy = s.contender().metric(spec.accuracyMetric());
            Double cost = s.contender().metric(spec.metric());
            if (accuracy == null || cost == null || cost <= 0) {
                continue;
            }
            double r = reward(accuracy, cost, spec.target(), spec.alpha(), spec.beta());
            if (r > bestReward) {
                best = s;
                bestReward = r;
            }
        }
        boolean feasibleOnly = !tradeOffs.spec().constraints().isEmpty() && tradeOffs.anyFeasible();
        return best != null ? Choice.of(best) : Choice.none("No " + (feasibleOnly ? "feasible " : "")
                + "complete trial reports both " + spec.accuracyMetric() + " and a positive " + spec.metric()
                + ", which the reward needs");
    }
}
