package io.paretune.contract.search;

import io.paretune.contract.search.CompressionConfig.Precision;
import io.paretune.contract.search.CompressionConfig.Pruning;
import io.paretune.contract.search.CompressionConfig.Scope;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The compression parameters every model family has ({@code pruning}, {@code targetSparsity}, {@code pruningScope},
 * {@code fineTuneEpochs}, {@code pruneStartEpoch}, {@code pruneEndEpoch}, {@code precision}) and the rules between
 * them. A rule is judged when the campaign is submitted as soon as the values it involves are the same in every
 * trial (fixed, or left to their defaults: {@link #spaceProblems}); otherwise each trial's {@code resolve} judges
 * it, and a trial that breaks it fails naming the parameter.
 *
 * <pre>{@code
 * // In a family's catalogue and resolve:
 * CompressionParameters.putRules(rules);
 * CompressionConfig compression = CompressionParameters.resolve(ModelFamily.MLP, rules, params, epochs);
 * // At submission:
 * CompressionParameters.spaceProblems(family, space, maxEpochsPerTrial)
 *         .forEach((name, problem) -> errors.add("searchSpace." + name, problem));
 * }</pre>
 */
public final class CompressionParameters {

    public static final String PRUNING = "pruning";
    public static final String TARGET_SPARSITY = "targetSparsity";
    public static final String PRUNING_SCOPE = "pruningScope";
    public static final String FINE_TUNE_EPOCHS = "fineTuneEpochs";
    public static final String PRUNE_START_EPOCH = "pruneStartEpoch";
    public static final String PRUNE_END_EPOCH = "pruneEndEpoch";
    public static final String PRECISION = "precision";

    /** Every compression parameter's name. */
    public static final Set<String> NAMES = Set.of(PRUNING, TARGET_SPARSITY, PRUNING_SCOPE, FINE_TUNE_EPOCHS,
            PRUNE_START_EPOCH, PRUNE_END_EPOCH, PRECISION);

    public static final double MAX_SPARSITY = 0.99;

    /** The pruning methods that read each setting; a setting no possible method reads is refused. */
    private static final Map<String, Set<Pruning>> USED_BY = usedBy();

    private CompressionParameters() {
    }

    private static Map<String, Set<Pruning>> usedBy() {
        Map<String, Set<Pruning>> m = new LinkedHashMap<>();
        m.put(TARGET_SPARSITY, EnumSet.of(Pruning.MAGNITUDE, Pruning.GRADUAL, Pruning.STRUCTURED));
        m.put(PRUNING_SCOPE, EnumSet.of(Pruning.MAGNITUDE, Pruning.GRADUAL, Pruning.STRUCTURED));
        m.put(FINE_TUNE_EPOCHS, EnumSet.of(Pruning.MAGNITUDE, Pruning.STRUCTURED));
        m.put(PRUNE_START_EPOCH, EnumSet.of(Pruning.GRADUAL));
        m.put(PRUNE_END_EPOCH, EnumSet.of(Pruning.GRADUAL));
        return m;
    }

    /** Adds the compression parameters to a family's catalogue. */
    static void putRules(Map<String, ParameterRule> r) {
        put(r, ParameterRule.choice(PRUNING, ValueKind.STRING, wireNames(Pruning.values()), "none",
                "how weights are pruned: none, magnitude (once after training, then fine-tuned), gradual (Zhu & Gupta "
                        + "cubic schedule during training), structured (whole neurons and filters removed)"));
        put(r, ParameterRule.numeric(TARGET_SPARSITY, ValueKind.FLOAT, 0, MAX_SPARSITY, 0.5,
                "fraction of prunable weights set to zero (structured: fraction of neurons and filters removed)"));
        put(r, ParameterRule.choice(PRUNING_SCOPE, ValueKind.STRING, wireNames(Scope.values()), "global",
                "global: one threshold over all layers; layer: the same fraction of every layer"));
        put(r, ParameterRule.numeric(FINE_TUNE_EPOCHS, ValueKind.INT, 0, Integer.MAX_VALUE, 0L,
                "epochs trained after magnitude or structured pruning, out of the trial's epochs"));
        put(r, ParameterRule.numeric(PRUNE_START_EPOCH, ValueKind.INT, 0, Integer.MAX_VALUE, 0L,
                "gradual pruning starts after this many epochs"));
        put(r, ParameterRule.numeric(PRUNE_END_EPOCH, ValueKind.INT, 1, Integer.MAX_VALUE, null,
                "gradual pruning reaches targetSparsity at the end of this epoch (default: the trial's last)"));
        put(r, ParameterRule.choice(PRECISION, ValueKind.STRING, wireNames(Precision.values()), "fp32",
                "how the trained weights are stored: fp32, fp16, or int8 with one scale per output channel"));
    }

    private static void put(Map<String, ParameterRule> rules, ParameterRule rule) {
        rules.put(rule.name(), rule);
    }

    private static List<Object> wireNames(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> (Object) v.name().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * A trial's compression settings, the values its pruning method does not read normalised away.
     *
     * @param epochs the trial's epochs (its {@code epochs} capped by {@code maxEpochsPerTrial})
     * @throws IllegalArgumentException naming the parameter when a combination is not allowed (values are checked
     *                                  against their rules by the family before)
     */
    static CompressionConfig resolve(ModelFamily family, Map<String, ParameterRule> rules, Map<String, Object> params,
                                     int epochs) {
        Known trial = new Known(name -> name.equals(MlpParameters.EPOCHS) ? (Object) (long) epochs
                : FamilyValues.value(rules, params, name), params::containsKey);
        Pruning pruning = Pruning.fromWire((String) trial.value(PRUNING));
        combinationProblems(trial, EnumSet.of(pruning), family.smallestPrunableLayer(trial::value), (name, problem) -> {
            throw new IllegalArgumentException(name + " " + problem);
        });
        Precision precision = Precision.fromWire((String) trial.value(PRECISION));
        if (pruning == Pruning.NONE) {
            return new CompressionConfig(pruning, 0, Scope.GLOBAL, 0, 0, 0, precision);
        }
        double sparsity = ((Number) trial.value(TARGET_SPARSITY)).doubleValue();
        Scope scope = Scope.fromWire((String) trial.value(PRUNING_SCOPE));
        if (pruning == Pruning.GRADUAL) {
            return new CompressionConfig(pruning, sparsity, scope, 0, trial.integer(PRUNE_START_EPOCH),
                    trial.pruneEnd(), precision);
        }
        return new CompressionConfig(pruning, sparsity, scope, trial.integer(FINE_TUNE_EPOCHS), 0, 0, precision);
    }

    /**
     * What is wrong with a pipeline campaign's compression parameters, by parameter name, judged on what the
     * trials share: settings that no possible pruning method reads, and combinations whose values are all fixed
     * (or defaults). Combinations involving a searched value are left to each trial's {@code resolve}.
     *
     * @param space             the campaign's search space, each dimension already valid against its rule
     * @param maxEpochsPerTrial the budget's, the trial's epochs when {@code epochs} is not in the space
     */
    public static Map<String, String> spaceProblems(ModelFamily family, Map<String, ParameterSpec> space,
                                                    int maxEpochsPerTrial) {
        Map<String, String> problems = new LinkedHashMap<>();
        BiConsumer<String, String> add = problems::putIfAbsent;
        Set<Pruning> possible = possiblePruning(space.get(PRUNING));
        USED_BY.forEach((setting, users) -> {
            if (space.containsKey(setting) && users.stream().noneMatch(possible::contains)) {
                add.accept(setting, "is not used when pruning is " + wire(possible) + "; it applies to " + wire(users));
            }
        });
        Map<String, ParameterRule> rules = family.rules();
        Known shared = new Known(name -> {
            ParameterSpec spec = space.get(name);
            if (spec == null) {
                return name.equals(MlpParameters.EPOCHS) ? (Object) (long) maxEpochsPerTrial
                        : rules.get(name).defaultValue();
            }
            // A conditional fixed value is the value of every trial that has it, which are the trials its rules
            // matter in (its condition is usually on pruning); trials without it take the default, judged per trial.
            return spec instanceof ParameterSpec.Fixed f ? f.value() : null;
        }, space::containsKey);
        combinationProblems(shared, possible, family.smallestPrunableLayer(shared::value), add);
        return problems;
    }

    /** The methods a campaign's trials may use: a conditional dimension leaves some trials at the default, none. */
    private static Set<Pruning> possiblePruning(ParameterSpec spec) {
        Set<Pruning> possible = EnumSet.noneOf(Pruning.class);
        if (spec == null || spec.when() != null) {
            possible.add(Pruning.NONE);
        }
        if (spec instanceof ParameterSpec.Fixed f) {
            possible.add(Pruning.fromWire(String.valueOf(f.value())));
        } else if (spec instanceof ParameterSpec.Categorical c) {
            c.choices().forEach(choice -> possible.add(Pruning.fromWire(String.valueOf(choice))));
        }
        return possible;
    }

    /**
     * The rules between values, each judged only when every value it involves is known.
     *
     * @param smallestLayer units of the smallest layer structured pruning would shrink (0: there is none); null
     *                      when not known
     */
    private static void combinationProblems(Known v, Set<Pruning> possible, Integer smallestLayer,
                                            BiConsumer<String, String> problems) {
        Integer epochs = v.integerOrNull(MlpParameters.EPOCHS);
        if (possible.contains(Pruning.GRADUAL)) {
            Integer start = v.integerOrNull(PRUNE_START_EPOCH);
            Integer end = v.given(PRUNE_END_EPOCH) ? v.integerOrNull(PRUNE_END_EPOCH) : epochs;
            if (v.given(PRUNE_END_EPOCH) && end != null && epochs != null && end > epochs) {
                problems.accept(PRUNE_END_EPOCH, end + " is after the trial's last epoch (" + epochs + ")");
            } else if (start != null && end != null && end <= start) {
                if (v.given(PRUNE_END_EPOCH)) {
                    problems.accept(PRUNE_END_EPOCH, end + " must be after pruneStartEpoch (" + start + ")");
                } else {
                    problems.accept(PRUNE_START_EPOCH, start + " must be before the trial's last epoch (" + end
                            + "), where gradual pruning ends");
                }
            }
        }
        if (possible.contains(Pruning.MAGNITUDE) || possible.contains(Pruning.STRUCTURED)) {
            Integer fineTune = v.integerOrNull(FINE_TUNE_EPOCHS);
            if (fineTune != null && epochs != null && fineTune >= epochs) {
                problems.accept(FINE_TUNE_EPOCHS, fineTune + " must be less than the trial's epochs (" + epochs
                        + "): pruning happens after epoch epochs − fineTuneEpochs");
            }
        }
        if (possible.contains(Pruning.STRUCTURED) && smallestLayer != null) {
            Object sparsity = v.value(TARGET_SPARSITY);
            if (smallestLayer == 0) {
                problems.accept(PRUNING, "structured has no layer to shrink: the network has no hidden layer");
            } else if (sparsity instanceof Number s && CompressionConfig.keptUnits(smallestLayer, s.doubleValue()) < 1) {
                problems.accept(TARGET_SPARSITY, s + " would remove every unit of a layer of " + smallestLayer
                        + " (round((1 − " + s + ") · " + smallestLayer + ") = 0)");
            }
        }
    }

    private static String wire(Collection<Pruning> methods) {
        return new TreeSet<>(methods.stream().map(Pruning::wireName).toList()).toString();
    }

    /**
     * Parameter values as far as they are known: {@code value} gives a value (a default for an absent parameter)
     * or null when it is not known; {@code given} says whether the parameter was named at all.
     */
    private record Known(Function<String, Object> value, Predicate<String> given) {

        Object value(String name) {
            return value.apply(name);
        }

        boolean given(String name) {
            return given.test(name);
        }

        Integer integerOrNull(String name) {
            return value(name) instanceof Number n ? n.intValue() : null;
        }

        int integer(String name) {
            return ((Number) value(name)).intValue();
        }

        /** Where gradual pruning ends: {@code pruneEndEpoch}, else the trial's last epoch. */
        int pruneEnd() {
            return integer(given(PRUNE_END_EPOCH) ? PRUNE_END_EPOCH : MlpParameters.EPOCHS);
        }
    }
}
