package io.paretune.controller.pruning;

import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.campaign.PrunerSpec;

import java.util.List;

/**
 * The rung settings of an {@code asha} or {@code hyperband} pruner spec. The parser stores them filled in; the
 * defaults here only cover a spec built by hand, and maxResource has none.
 */
record RungSpec(int minResource, int maxResource, int reductionFactor) {

    static RungSpec of(PrunerSpec spec) {
        if (spec.maxResource() == null) {
            throw new IllegalArgumentException("pruner '" + spec.type() + "' needs maxResource");
        }
        return new RungSpec(
                spec.minResource() != null ? spec.minResource() : PrunerSpec.DEFAULT_MIN_RESOURCE,
                spec.maxResource(),
                spec.reductionFactor() != null ? spec.reductionFactor() : PrunerSpec.DEFAULT_REDUCTION_FACTOR);
    }

    /** A ladder whose first rung is {@code minResource·η^earlyStoppingRate}. */
    SuccessiveHalving ladder(int earlyStoppingRate) {
        return new SuccessiveHalving(minResource, reductionFactor, earlyStoppingRate, maxResource);
    }

    /**
     * Refuses a spec with no rung below maxResource: such a pruner would never stop a trial, which is surely not what
     * was meant. (The contract already refuses minResource &gt; maxResource; this adds minResource = maxResource.)
     */
    static List<FieldError> check(CampaignSpec campaign) {
        PrunerSpec spec = campaign.strategy() == null ? null : campaign.strategy().pruner();
        if (spec == null || spec.maxResource() == null) {
            return List.of();
        }
        RungSpec rungs = of(spec);
        if (rungs.minResource >= rungs.maxResource) {
            return List.of(new FieldError("strategy.pruner.minResource", "must be below maxResource ("
                    + rungs.maxResource + "): the first rung is at minResource and trials never stop at maxResource,"
                    + " so this pruner would never stop a trial"));
        }
        return List.of();
    }
}
