package io.paretune.controller.selection;

import java.util.List;

/** The knee ({@link Knee}) of the front of feasible trials (of all trials when none is feasible), normalized. */
final class KneeRule implements SelectionRule {

    @Override
    public Choice choose(TradeOffs tradeOffs) {
        List<Scored> front = tradeOffs.front();
        return Choice.of(front.get(Knee.of(front.stream().map(tradeOffs::normalized).toList())));
    }
}
