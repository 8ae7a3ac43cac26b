package io.paretune.controller.search.nsga2;

import io.paretune.contract.campaign.FieldError;
import io.paretune.contract.search.ParameterValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NSGA-II sampler's {@code strategy.options}, with Optuna 3.1's defaults:
 * <pre>{@code
 * {"populationSize": 50, "crossover": "uniform", "crossoverProb": 0.9, "swappingProb": 0.5, "mutationProb": null}
 * }</pre>
 * plus {@code eta} for {@code "sbx"} (default 20 with several objectives, 2 with one) and {@code alpha} for
 * {@code "blxalpha"} (default 0.5).
 *
 * @param mutationProb null: {@code 1 / (number of parameters the child inherits)}, as Optuna
 * @param eta          null: by the number of objectives
 */
public record Nsga2Options(int populationSize, Crossover crossover, double crossoverProb, double swappingProb,
                           Double mutationProb, Double eta, double alpha) {

    public static final int DEFAULT_POPULATION_SIZE = 50;
    private static final String FIELD = "strategy.options.";
    private static final Set<String> KNOWN = Set.of("populationSize", "crossover", "crossoverProb", "swappingProb",
            "mutationProb", "eta", "alpha");

    /** How two parents' numeric values mix (categorical values always mix by uniform crossover, as in Optuna). */
    public enum Crossover {
        /** Each value from one parent or the other ({@code swappingProb}). */
        UNIFORM("uniform"),
        /** Simulated binary crossover (Deb and Agrawal 1995), in the parameter's (log) scale. */
        SBX("sbx"),
        /** Blend crossover: uniform over the parents' interval widened by {@code alpha} on each side. */
        BLX_ALPHA("blxalpha");

        private final String wire;

        Crossover(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Crossover of(String wire) {
            for (Crossover c : values()) {
                if (c.wire.equals(wire)) {
                    return c;
                }
            }
            return null;
        }
    }

    public static Nsga2Options defaults() {
        return new Nsga2Options(DEFAULT_POPULATION_SIZE, Crossover.UNIFORM, 0.9, 0.5, null, null, 0.5);
    }

    /** {@code eta} as SBX uses it: the option, else 20 for several objectives and 2 for one (Optuna's defaults). */
    public double etaFor(int objectiveCount) {
        return eta != null ? eta : objectiveCount > 1 ? 20.0 : 2.0;
    }

    /** Options read and checked: {@code options} is null exactly when {@code errors} is not empty. */
    public record Parsed(Nsga2Options options, List<FieldError> errors) {
    }

    public static Parsed parse(Map<String, Object> raw) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : new TreeSet<>(raw.keySet())) {
            if (!KNOWN.contains(key)) {
                errors.add(new FieldError(FIELD + key, "unknown option; the nsga2 sampler takes " + new TreeSet<>(KNOWN)));
            }
        }
        Nsga2Options d = defaults();
        int populationSize = d.populationSize();
        if (raw.containsKey("populationSize")) {
            Object v = ParameterValues.normalize(raw.get("populationSize"));
            if (v instanceof Long l && l >= 2 && l <= 100_000) {
                populationSize = l.intValue();
            } else {
                errors.add(new FieldError(FIELD + "populationSize", "must be an integer from 2 to 100000"));
            }
        }
        Crossover crossover = d.crossover();
        if (raw.containsKey("crossover")) {
            Object v = raw.get("crossover");
            crossover = v instanceof String s ? Crossover.of(s.toLowerCase(Locale.ROOT)) : null;
            if (crossover == null) {
                errors.add(new FieldError(FIELD + "crossover", "must be one of \"uniform\", \"sbx\", \"blxalpha\""));
            }
        }
        double crossoverProb = probability(raw, "crossoverProb", d.crossoverProb(), errors);
        double swappingProb = probability(raw, "swappingProb", d.swappingProb(), errors);
        Double mutationProb = raw.containsKey("mutationProb") ? probability(raw, "mutationProb", 0, errors) : null;
        Double eta = null;
        if (raw.containsKey("eta")) {
            if (crossover != Crossover.SBX) {
                errors.add(new FieldError(FIELD + "eta", "applies only to \"crossover\": \"sbx\""));
            } else if (raw.get("eta") instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                eta = n.doubleValue();
            } else {
                errors.add(new FieldError(FIELD + "eta", "must be a positive number"));
            }
        }
        double alpha = d.alpha();
        if (raw.containsKey("alpha")) {
            if (crossover != Crossover.BLX_ALPHA) {
                errors.add(new FieldError(FIELD + "alpha", "applies only to \"crossover\": \"blxalpha\""));
            } else if (raw.get("alpha") instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())) {
                alpha = n.doubleValue();
            } else {
                errors.add(new FieldError(FIELD + "alpha", "must be a number >= 0"));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new Nsga2Options(populationSize, crossover, crossoverProb, swappingProb, mutationProb, eta, alpha),
                List.of());
    }

    private static double probability(Map<String, Object> raw, String key, double fallback, List<FieldError> errors) {
        if (!raw.containsKey(key)) {
            return fallback;
        }
        if (raw.get(key) instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        errors.add(new FieldError(FIELD + key, "must be a probability, a number from 0 to 1"));
        return fallback;
    }
}
