package io.paretune.controller.bench;

import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.search.Sampler;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One sampler of the benchmark with its options, written {@code name[:option=value[:option=value...]]} on the
 * command line ({@code random}, {@code tpe}, {@code tpe:multivariate=false}), or an alias ({@code tpe-as-optuna}).
 * The sampler is found by class name and built with its no-arg constructor, outside CDI: a sampler that has not
 * landed on this branch yet is simply absent ({@link #instantiate()} is empty), and the benchmark still compiles.
 * A fully qualified class name also works as the name ({@code com.example.MySampler:option=1}).
 *
 * @param label   how the results name it: the alias or the text as given
 * @param name    the sampler's name ({@code tpe}) or a class name
 * @param options its {@code strategy.options}; values are JSON scalars ({@code true}, {@code 24}, {@code 0.25},
 *                anything else a string)
 */
public record SamplerChoice(String label, String name, Map<String, Object> options) {

    /** Samplers of issue 3 by name: their classes, present on the classpath once their branches have landed. */
    static final Map<String, String> CLASSES = Map.of(
            "random", "io.paretune.controller.search.RandomSampler",
            "tpe", "io.paretune.controller.search.tpe.TpeSampler");

    /**
     * Paretune's TPE set to Optuna 3.1's own choices, univariate and multivariate: they should tie with Optuna's, which
     * checks that the comparison of the defaults compares algorithms, not implementations.
     */
    static final Map<String, String> ALIASES = Map.of(
            "tpe-as-optuna", "tpe:multivariate=false:goodWeights=equal",
            "tpe-as-optuna-multivariate", "tpe:goodWeights=equal:bandwidthFactor=0.2:magicClipExponent=1");

    /** The Optuna sampler (bench/optuna_search.py's label) each alias is compared with; any other label with its own. */
    static final Map<String, String> OPTUNA_COUNTERPARTS = Map.of(
            "tpe-as-optuna", "tpe",
            "tpe-as-optuna-multivariate", "tpe-multivariate");

    /** What {@code --samplers} runs when not given: those whose classes are present. */
    public static final String DEFAULTS = "random,tpe,tpe-as-optuna,tpe-as-optuna-multivariate";

    /** The label of the Optuna sampler that results under {@code label} are compared with. */
    static String optunaCounterpart(String label) {
        return OPTUNA_COUNTERPARTS.getOrDefault(label, label);
    }

    public SamplerChoice {
        options = Map.copyOf(options);
    }

    /** Parses a comma-separated list of choices. */
    public static List<SamplerChoice> parseList(String text) {
        List<SamplerChoice> choices = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                choices.add(parse(entry.trim()));
            }
        }
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("--samplers: no sampler given");
        }
        if (choices.stream().map(SamplerChoice::label).distinct().count() < choices.size()) {
            throw new IllegalArgumentException("--samplers: a sampler is listed twice: " + text);
        }
        return choices;
    }

    public static SamplerChoice parse(String entry) {
        String spec = ALIASES.getOrDefault(entry, entry);
        String[] parts = spec.split(":");
        String name = parts[0].trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("--samplers: '" + entry + "' has no sampler name");
        }
        if (!CLASSES.containsKey(name) && !name.contains(".")) {
            throw new IllegalArgumentException("--samplers: unknown sampler '" + name + "'; known: "
                    + CLASSES.keySet().stream().sorted().collect(Collectors.joining(", ")) + ", aliases "
                    + String.join(", ", ALIASES.keySet()) + ", or a class name");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--samplers: option '" + parts[i] + "' of '" + entry
                        + "' is not option=value");
            }
            options.put(parts[i].substring(0, eq).trim(), scalar(parts[i].substring(eq + 1).trim()));
        }
        return new SamplerChoice(entry, name, options);
    }

    private static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notDouble) {
                return text;
            }
        }
    }

    /** The class this choice runs. */
    public String className() {
        return CLASSES.getOrDefault(name, name);
    }

    /**
     * A new sampler, or empty when its class is not on the classpath.
     *
     * @throws IllegalArgumentException when the class is not a sampler, cannot be built, or refuses the options
     */
    public Optional<Sampler> instantiate() {
        Class<?> type;
        try {
            type = Class.forName(className());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!Sampler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className() + " is not a " + Sampler.class.getName());
        }
        Sampler sampler;
        try {
            sampler = (Sampler) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(className() + " has no public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("building " + className() + " failed: " + e.getCause(), e.getCause());
        }
        List<FieldError> errors = sampler.checkOptions(options, 1);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("--samplers '" + label + "': " + errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        }
        return Optional.of(sampler);
    }
}
