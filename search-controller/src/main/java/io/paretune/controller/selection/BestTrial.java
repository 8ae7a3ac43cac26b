package io.paretune.controller.selection;

import io.paretune.contract.campaign.Constraint;
import io.paretune.contract.campaign.Direction;

import java.util.List;
import java.util.Map;

/**
 * Which of two COMPLETE trials is the campaign's best, feasible first (as Deb's constrained domination ranks them):
 * a trial that meets every constraint beats one that does not; of two that miss, the smaller total violation wins;
 * then the better primary value; ties go to the lower trial number.
 */
public final class BestTrial {

    private BestTrial() {
    }

    /**
     * One contender.
     *
     * @param violation total constraint violation, 0 when feasible (or when the campaign has no constraints)
     */
    public record Candidate(int number, double value, double violation) {

        public boolean isFeasible() {
            return violation <= 0;
        }
    }

    /** True when {@code challenger} beats the current {@code best}. A NaN primary value never wins. */
    public static boolean beats(Direction direction, Candidate challenger, Candidate best) {
        if (Double.isNaN(challenger.value())) {
            return false;
        }
        if (Double.isNaN(best.value())) {
            return true;
        }
        if (challenger.isFeasible() != best.isFeasible()) {
            return challenger.isFeasible();
        }
        if (!challenger.isFeasible() && challenger.violation() != best.violation()) {
            return challenger.violation() < best.violation();
        }
        if (direction.isBetter(challenger.value(), best.value())) {
            return true;
        }
        return challenger.value() == best.value() && challenger.number() < best.number();
    }

    /** True when trial {@code number} with {@code value} beats the best on the primary objective alone (no constraints). */
    public static boolean beats(Direction direction, double value, int number, double bestValue, int bestNumber) {
        return beats(direction, new Candidate(number, value, 0), new Candidate(bestNumber, bestValue, 0));
    }

    /**
     * Sum of the constraints' violations for a trial's metrics ({@link Constraint#violation}): 0 when all are met,
     * infinite when a constrained metric is missing.
     */
    public static double totalViolation(List<Constraint> constraints, Map<String, Double> metrics) {
        double total = 0;
        for (Constraint c : constraints) {
            total += Math.max(0, c.violation(metrics.get(c.metric())));
        }
        return total;
    }
}
