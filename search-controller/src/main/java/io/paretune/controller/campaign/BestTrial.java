package io.paretune.controller.campaign;

import io.paretune.contract.campaign.Direction;

/** Which of two COMPLETE trials is the better one on the primary objective: the better value, ties to the lower number. */
public final class BestTrial {

    private BestTrial() {
    }

    /** True when trial {@code number} with {@code value} beats the current best ({@code bestNumber}, {@code bestValue}). */
    public static boolean beats(Direction direction, double value, int number, double bestValue, int bestNumber) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(bestValue) || direction.isBetter(value, bestValue)) {
            return true;
        }
        return value == bestValue && number < bestNumber;
    }
}
