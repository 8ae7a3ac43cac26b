package io.paretune.contract.search;

import java.util.Map;

/** Reading a trial's sampled values against a family's catalogue: checks, then typed values with defaults. */
final class FamilyValues {

    private FamilyValues() {
    }

    /** @throws IllegalArgumentException naming the first unknown parameter or disallowed value */
    static void check(String family, Map<String, ParameterRule> rules, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            ParameterRule rule = rules.get(e.getKey());
            if (rule == null) {
                throw new IllegalArgumentException("unknown " + family + " parameter '" + e.getKey() + "'");
            }
            String problem = rule.check(e.getValue());
            if (problem != null) {
                throw new IllegalArgumentException(e.getKey() + " " + problem);
            }
        }
    }

    /** The trial's epochs: its {@code epochs} parameter, else {@code maxEpochs}, and never more. */
    static int epochs(Map<String, ParameterRule> rules, Map<String, Object> params, int maxEpochs) {
        return params.containsKey(MlpParameters.EPOCHS)
                ? Math.min(intValue(rules, params, MlpParameters.EPOCHS), maxEpochs) : maxEpochs;
    }

    static Object value(Map<String, ParameterRule> rules, Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v != null ? v : rules.get(name).defaultValue();
    }

    static int intValue(Map<String, ParameterRule> rules, Map<String, Object> params, String name) {
        return ((Number) value(rules, params, name)).intValue();
    }

    static double doubleValue(Map<String, ParameterRule> rules, Map<String, Object> params, String name) {
        return ((Number) value(rules, params, name)).doubleValue();
    }
}
