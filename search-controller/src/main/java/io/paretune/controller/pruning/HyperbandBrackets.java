package io.paretune.controller.pruning;

import io.paretune.controller.search.Seeds;

/**
 * Hyperband's brackets for given rung settings, and which bracket a trial plays in (Optuna 3.1's
 * {@code HyperbandPruner}).
 * <p>
 * There are ⌊log_η(max/min)⌋ + 1 brackets. Bracket b is successive halving with early-stopping rate b, so its first
 * rung is at min·η^b: bracket 0 stops trials hardest and earliest, the last one least. With s = brackets − 1 − b, its
 * share of trials is ⌈brackets·η^s / (s + 1)⌉ out of the sum of all shares, as Optuna's trial allocation budget, so
 * the early-stopping brackets, which spend little on each trial, get more of them.
 * <p>
 * The count is computed exactly in integers. Optuna takes a floating-point logarithm, which falls just short at some
 * exact powers ({@code math.log(243, 3)} is 4.999…, so it makes 5 brackets where there are 6); we do not copy that.
 */
final class HyperbandBrackets {

    /** Seed stream of the bracket draw, apart from those of samplers and training. */
    static final long BRACKET_STREAM = 0x6A09_E667_F3BC_C909L;

    private final long[] budgets;
    private final long totalBudget;

    HyperbandBrackets(RungSpec rungs) {
        int count = 1;
        for (long top = (long) rungs.minResource() * rungs.reductionFactor(); top <= rungs.maxResource();
             top *= rungs.reductionFactor()) {
            count++;
        }
        budgets = new long[count];
        long total = 0;
        for (int b = 0; b < count; b++) {
            int s = count - 1 - b;
            long numerator = count * pow(rungs.reductionFactor(), s);
            budgets[b] = (numerator + s) / (s + 1); // ceiling
            total += budgets[b];
        }
        totalBudget = total;
    }

    int count() {
        return budgets.length;
    }

    /** Bracket b's share of trials, out of {@link #totalBudget()}. */
    long budget(int bracket) {
        return budgets[bracket];
    }

    long totalBudget() {
        return totalBudget;
    }

    /**
     * The bracket of trial {@code trialNumber}: depends only on the campaign seed and the number, so every decision
     * about the trial, before or after a restart, puts it in the same bracket. Optuna hashes the study name and trial
     * number instead; the weighting by budget is the same.
     */
    int bracketOf(long seed, int trialNumber) {
        long n = Long.remainderUnsigned(Seeds.derive(seed, BRACKET_STREAM, trialNumber), totalBudget);
        for (int b = 0; b < budgets.length; b++) {
            n -= budgets[b];
            if (n < 0) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable: the draw is below the total budget");
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
