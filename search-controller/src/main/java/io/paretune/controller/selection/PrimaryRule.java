package io.paretune.controller.selection;

/** The best trial on the primary objective, feasible first: the campaign's {@code best}. */
final class PrimaryRule implements SelectionRule {

    @Override
    public Choice choose(TradeOffs tradeOffs) {
        return Choice.of(tradeOffs.best());
    }
}
