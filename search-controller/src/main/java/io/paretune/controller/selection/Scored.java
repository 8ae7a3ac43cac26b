package io.paretune.controller.selection;

import java.util.List;

/**
 * A contender with every objective value: those values as the campaign states them, the same turned to minimization
 * (maximized ones negated), and its total constraint violation.
 *
 * @param values    objective values in the campaign's order of objectives
 * @param minimized the same, maximized objectives negated
 * @param violation 0 when the trial meets every constraint (or there are none), else how far it misses them
 */
public record Scored(Contender contender, List<Double> values, double[] minimized, double violation) {

    public Scored {
        values = List.copyOf(values);
        minimized = minimized.clone();
    }

    @Override
    public double[] minimized() {
        return minimized.clone();
    }

    public int number() {
        return contender.number();
    }

    public boolean isFeasible() {
        return violation <= 0;
    }

    /** The primary objective's value. */
    public double primary() {
        return values.get(0);
    }
}
