package io.paretune.controller.selection;

import io.paretune.contract.campaign.SelectionSpec;

/**
 * One way of naming the trial to ship from a campaign's trade-offs. Rules are pure: the same trials give the same
 * choice, and ties go to the trial {@link BestTrial} ranks first.
 */
interface SelectionRule {

    /** @param tradeOffs a campaign's trade-offs with at least one scored trial */
    Choice choose(TradeOffs tradeOffs);

    /** The trial chosen, or why there is none. */
    record Choice(Scored chosen, String reason) {

        static Choice of(Scored chosen) {
            return new Choice(chosen, null);
        }

        static Choice none(String reason) {
            return new Choice(null, reason);
        }
    }

    static SelectionRule of(SelectionSpec spec) {
        return switch (spec.rule()) {
            case SelectionSpec.CONSTRAINTS -> new ConstraintsRule();
            case SelectionSpec.KNEE -> new KneeRule();
            case SelectionSpec.WEIGHTED -> new WeightedRule(spec);
            case SelectionSpec.REWARD -> new RewardRule(spec);
            default -> new PrimaryRule();
        };
    }
}
