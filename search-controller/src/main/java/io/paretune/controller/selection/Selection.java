package io.paretune.controller.selection;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.SelectionSpec;

import java.util.List;
import java.util.Optional;

/**
 * The campaign's verdict from its COMPLETE trials: the trial its selection rule ({@link SelectionSpec}) names, and
 * one sentence that puts it beside the best trial on the primary objective among those that meet the constraints
 * (among all when none does; see {@link TradeOffs#bestOnPrimary()}).
 *
 * <pre>{@code
 * Optional<Decision> verdict = Selection.decide(spec, completeTrials); // empty before any trial is COMPLETE
 * verdict.map(Decision::sentence); // "Trial 14: 0.4 points below the most accurate (trial 9), ..."
 * }</pre>
 */
public final class Selection {

    private Selection() {
    }

    /** Empty while no COMPLETE trial has every objective. */
    public static Optional<Decision> decide(CampaignSpec spec, List<Contender> complete) {
        return decide(TradeOffs.of(spec, complete));
    }

    public static Optional<Decision> decide(TradeOffs tradeOffs) {
        if (tradeOffs.isEmpty()) {
            return Optional.empty();
        }
        SelectionSpec selection = tradeOffs.spec().selection();
        SelectionRule.Choice choice = SelectionRule.of(selection).choose(tradeOffs);
        if (choice.chosen() == null) {
            return Optional.of(new Decision(selection.rule(), null, choice.reason()));
        }
        String sentence = VerdictSentence.of(choice.chosen(), tradeOffs.bestOnPrimary(), tradeOffs.spec(),
                selection.rule().equals(SelectionSpec.PRIMARY), tradeOffs.constrainedToFeasible());
        return Optional.of(new Decision(selection.rule(), choice.chosen().contender(), sentence));
    }
}
