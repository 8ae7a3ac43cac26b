package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;
import io.paretune.controller.search.FrozenTrial;

import java.util.List;

/**
 * Hyperband ({@code "hyperband"}), as Optuna 3.1's {@code HyperbandPruner}: several successive-halving brackets with
 * staggered first rungs (see {@link HyperbandBrackets}); each trial is drawn into one bracket by the campaign seed and
 * its number, and competes only with the trials of that bracket. When max/min &lt; η there is one bracket and it is
 * plain {@link AshaPruner ASHA}; that is allowed, as Optuna allows it. A bracket whose first rung is not below
 * maxResource never stops its trials: they are Hyperband's full-budget bracket.
 */
public class HyperbandPruner implements Pruner {

    @Override
    public String type() {
        return PrunerSpec.HYPERBAND;
    }

    @Override
    public boolean shouldPrune(PruningRequest request) {
        RungSpec rungs = RungSpec.of(request.spec());
        HyperbandBrackets brackets = new HyperbandBrackets(rungs);
        int bracket = brackets.bracketOf(request.seed(), request.trial().number());
        List<FrozenTrial> sameBracket = request.others().stream()
                .filter(t -> brackets.bracketOf(request.seed(), t.number()) == bracket)
                .toList();
        return rungs.ladder(bracket).shouldPrune(request.direction(), request.trial(), request.step(), sameBracket);
    }

    @Override
    public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
        RungSpec rungs = RungSpec.of(request.spec());
        int bracket = new HyperbandBrackets(rungs).bracketOf(request.seed(), request.trial().number());
        return rungs.ladder(bracket).nextDecisionStep(currentStep, lastStep);
    }

    @Override
    public List<FieldError> check(CampaignSpec spec) {
        return RungSpec.check(spec);
    }
}
