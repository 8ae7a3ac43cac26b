package io.paretune.controller.campaign;

import io.paretune.contract.campaign.Budget;

import java.util.List;

/**
 * Whether one more campaign fits its owner's quotas, given the budgets of the owner's active campaigns. Budgets,
 * not usage: a campaign holds its share from submission to its end, so the check needs no running totals.
 */
final class OwnerQuotas {

    private OwnerQuotas() {
    }

    /** @throws QuotaExceededException naming the first quota the new campaign would pass, with the numbers */
    static void check(QuotaConfig quota, String owner, List<Budget> active, Budget next) {
        if (active.size() + 1 > quota.activeCampaigns()) {
            throw new QuotaExceededException(owner + " has " + active.size() + " campaigns pending or running, the most "
                    + "allowed at once (paretune.quota.active-campaigns " + quota.activeCampaigns() + "): wait for one "
                    + "to end or cancel one");
        }
        long parallel = active.stream().mapToLong(Budget::maxParallel).sum();
        if (parallel + next.maxParallel() > quota.parallelTrials()) {
            throw new QuotaExceededException("budget.maxParallel " + next.maxParallel() + " would take " + owner
                    + "'s trials in flight to " + (parallel + next.maxParallel()) + ", above the "
                    + quota.parallelTrials() + " allowed (paretune.quota.parallel-trials)");
        }
        long epochs = active.stream().mapToLong(OwnerQuotas::epochs).sum();
        if (epochs + epochs(next) > quota.epochs()) {
            throw new QuotaExceededException("budget.maxTrials × maxEpochsPerTrial (" + epochs(next) + " epochs) would "
                    + "take " + owner + "'s active campaigns to " + (epochs + epochs(next)) + " epochs, above the "
                    + quota.epochs() + " allowed (paretune.quota.epochs)");
        }
    }

    /** The most epochs a campaign can train; none for an external one, whose trials run elsewhere. */
    private static long epochs(Budget budget) {
        return (long) budget.maxTrials() * budget.maxEpochsPerTrial();
    }
}
