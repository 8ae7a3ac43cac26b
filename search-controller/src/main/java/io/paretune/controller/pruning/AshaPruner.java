package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;

import java.util.List;

/**
 * Asynchronous successive halving ({@code "asha"}), as Optuna 3.1's {@code SuccessiveHalvingPruner} with
 * {@code min_early_stopping_rate = 0} and no bootstrap: rungs at minResource·η^k below maxResource, e.g. 1, 3, 9 for
 * min 1, η 3, max 27; at each rung a trial goes on only within the top ⌊n/η⌋ of the n trials that reached it so far
 * (the best one while n &lt; η). Every trial of the campaign competes, whatever its state. See
 * {@link SuccessiveHalving} for how rung values are read from the intermediate values.
 */
public class AshaPruner implements Pruner {

    @Override
    public String type() {
        return PrunerSpec.ASHA;
    }

    @Override
    public boolean shouldPrune(PruningRequest request) {
        return RungSpec.of(request.spec()).ladder(0)
                .shouldPrune(request.direction(), request.trial(), request.step(), request.others());
    }

    @Override
    public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
        return RungSpec.of(request.spec()).ladder(0).nextDecisionStep(currentStep, lastStep);
    }

    @Override
    public List<FieldError> check(CampaignSpec spec) {
        return RungSpec.check(spec);
    }
}
