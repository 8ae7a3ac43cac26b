package io.paretune.bench.search;

import io.paretune.contract.campaign.FieldError;
import io.paretune.controller.search.Sampler;
import io.paretune.controller.search.SamplerRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One sampler of the benchmark with its options, written {@code name[:option=value[:option=value...]]} on the
 * command line ({@code random}, {@code tpe}, {@code tpe:multivariate=false}), or an alias ({@code tpe-as-optuna}).
 * Samplers are the controller's own, found by name in its {@link SamplerRegistry}, as a campaign finds them.
 *
 * @param label   how the results name it: the alias or the text as given
 * @param name    the sampler's name ({@code tpe})
 * @param options its {@code strategy.options}; values are JSON scalars ({@code true}, {@code 24}, {@code 0.25},
 *                anything else a string)
 */
public record SamplerChoice(String label, String name, Map<String, Object> options) {

    static final SamplerRegistry SAMPLERS = new SamplerRegistry();

    /**
     * Paretune's TPE set to Optuna 3.1's own choices, univariate and multivariate: they should tie with Optuna's, which
     * checks that the comparison of the defaults compares algorithms, not implementations.
     */
    static final Map<String, String> ALIASES = Map.of(
            "tpe-as-optuna", "tpe:multivariate=false:goodWeights=equal",
            "tpe-as-optuna-multivariate", "tpe:goodWeights=equal:bandwidthFactor=0.2:magicClipExponent=1:optunaShare=0");

    /** The Optuna sampler (bench/optuna_search.py's label) each alias is compared with; any other label with its own. */
    static final Map<String, String> OPTUNA_COUNTERPARTS = Map.of(
            "tpe-as-optuna", "tpe",
            "tpe-as-optuna-multivariate", "tpe-multivariate");

    /** What {@code --samplers} runs when not given. */
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

    /**
     * @throws IllegalArgumentException for an unknown sampler, an option not written {@code option=value}, or options
     *                                  the sampler refuses
     */
    public static SamplerChoice parse(String entry) {
        String spec = ALIASES.getOrDefault(entry, entry);
        String[] parts = spec.split(":");
        String name = parts[0].trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("--samplers: '" + entry + "' has no sampler name");
        }
        if (SAMPLERS.find(name).isEmpty()) {
            throw new IllegalArgumentException("--samplers: unknown sampler '" + name + "'; known: "
                    + String.join(", ", SAMPLERS.names()) + ", aliases " + String.join(", ", ALIASES.keySet()));
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
        SamplerChoice choice = new SamplerChoice(entry, name, options);
        List<FieldError> errors = choice.sampler().checkOptions(options, 1);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("--samplers '" + entry + "': " + errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        }
        return choice;
    }

    /** The controller's sampler this choice runs (samplers keep no state: the registry's one serves every run). */
    public Sampler sampler() {
        return SAMPLERS.get(name);
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
}
