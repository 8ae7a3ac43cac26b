package io.paretune.controller.selection;

/** The best trial on the primary objective among those that meet every constraint; none while no trial does. */
final class ConstraintsRule implements SelectionRule {

    @Override
    public Choice choose(TradeOffs tradeOffs) {
        if (!tradeOffs.anyFeasible()) {
            int n = tradeOffs.scored().size();
            return Choice.none("No trial meets the constraints yet: " + (n == 1 ? "the one complete trial misses them"
                    : "all " + n + " complete trials miss them"));
        }
        return Choice.of(tradeOffs.pool().get(0));
    }
}
