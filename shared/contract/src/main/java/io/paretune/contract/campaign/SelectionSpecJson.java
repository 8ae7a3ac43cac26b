package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads {@code selection}, reporting every bad field by path, and fills in the defaults. Rules that need other parts
 * of the spec (constraints, two objectives, objective names) are judged only when those parts were valid, so that a
 * mistake is reported once, where it is.
 */
final class SelectionSpecJson {

    private static final String PATH = "selection";
    private static final Map<String, Set<String>> FIELDS = Map.of(
            SelectionSpec.PRIMARY, Set.of("rule"),
            SelectionSpec.CONSTRAINTS, Set.of("rule"),
            SelectionSpec.KNEE, Set.of("rule"),
            SelectionSpec.WEIGHTED, Set.of("rule", "weights"),
            SelectionSpec.REWARD, Set.of("rule", "metric", "target", "alpha", "beta", "accuracyMetric"));
    private static final Pattern USER_NAME = Pattern.compile(CampaignSpecParser.USER_NAME_PATTERN);

    private SelectionSpecJson() {
    }

    /**
     * @param objectives  the campaign's objectives as parsed (empty when they were invalid)
     * @param constraints the campaign's constraints as parsed
     * @return the primary rule when {@code node} is absent; null when it is invalid (then errors were reported)
     */
    static SelectionSpec parse(JsonNode node, boolean external, List<Objective> objectives,
                               List<Constraint> constraints, boolean constraintsValid,
                               BiConsumer<String, String> errors) {
        if (node == null || node.isNull()) {
            return SelectionSpec.primary();
        }
        if (!node.isObject()) {
            errors.accept(PATH, "must be an object such as {\"rule\": \"knee\"}");
            return null;
        }
        JsonNode r = node.get("rule");
        String rule = r != null && r.isTextual() ? r.asText() : null;
        if (rule == null || !FIELDS.containsKey(rule)) {
            errors.accept(PATH + ".rule", (r == null || r.isNull() ? "is required" : "got " + r) + "; one of "
                    + SelectionSpec.RULES);
            return null;
        }
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> counted = (field, message) -> {
            problems.add(field);
            errors.accept(field, message);
        };
        Set<String> known = FIELDS.get(rule);
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                counted.accept(PATH + "." + f, "unknown field for the " + rule + " rule; known: " + new TreeSet<>(known));
            }
        });
        boolean objectivesKnown = !objectives.isEmpty();
        SelectionSpec spec = switch (rule) {
            case SelectionSpec.CONSTRAINTS -> {
                if (constraintsValid && constraints.isEmpty()) {
                    counted.accept(PATH + ".rule", "the constraints rule picks among the trials that meet the "
                            + "campaign's constraints, and this campaign has none: add constraints or choose another rule");
                }
                yield SelectionSpec.of(rule);
            }
            case SelectionSpec.KNEE -> {
                twoObjectives(rule, objectives, counted);
                yield SelectionSpec.of(rule);
            }
            case SelectionSpec.WEIGHTED -> {
                twoObjectives(rule, objectives, counted);
                yield SelectionSpec.weighted(weights(node.get("weights"), objectives, objectivesKnown, counted));
            }
            case SelectionSpec.REWARD -> reward(node, external, objectives, counted);
            default -> SelectionSpec.of(rule);
        };
        return problems.isEmpty() ? spec : null;
    }

    private static void twoObjectives(String rule, List<Objective> objectives, BiConsumer<String, String> errors) {
        if (objectives.size() == 1) {
            errors.accept(PATH + ".rule", "the " + rule + " rule trades objectives off and needs at least 2; this "
                    + "campaign has 1 (" + objectives.get(0).metric() + ")");
        }
    }

    private static Map<String, Double> weights(JsonNode node, List<Objective> objectives, boolean objectivesKnown,
                                               BiConsumer<String, String> errors) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            errors.accept(PATH + ".weights", "is required for the weighted rule: a weight per objective, such as "
                    + "{\"val_accuracy\": 2, \"latency_ms_p50\": 1}");
            return weights;
        }
        if (!node.isObject()) {
            errors.accept(PATH + ".weights", "must be an object of objective metric -> weight (>= 0)");
            return weights;
        }
        List<String> names = objectives.stream().map(Objective::metric).toList();
        boolean positive = false;
        boolean allValid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = PATH + ".weights." + e.getKey();
            JsonNode w = e.getValue();
            if (objectivesKnown && !names.contains(e.getKey())) {
                errors.accept(path, "not an objective of this campaign; objectives: " + names);
                allValid = false;
            } else if (!w.isNumber() || !Double.isFinite(w.asDouble()) || w.asDouble() < 0) {
                errors.accept(path, "must be a finite number >= 0, got " + w);
                allValid = false;
            } else {
                weights.put(e.getKey(), w.asDouble());
                positive |= w.asDouble() > 0;
            }
        }
        if (allValid && !positive) {
            errors.accept(PATH + ".weights", "needs at least one positive weight, got " + node);
        }
        return weights;
    }

    private static SelectionSpec reward(JsonNode node, boolean external, List<Objective> objectives,
                                        BiConsumer<String, String> errors) {
        String metric = rewardMetric(node.get("metric"), external, objectives, errors);
        Double target = null;
        JsonNode t = node.get("target");
        if (t == null || t.isNull()) {
            errors.accept(PATH + ".target", "is required for the reward rule: the " + (metric == null ? "metric's"
                    : metric) + " value aimed at, > 0");
        } else if (!t.isNumber() || !Double.isFinite(t.asDouble()) || !(t.asDouble() > 0)) {
            errors.accept(PATH + ".target", "must be a finite number > 0, got " + t);
        } else {
            target = t.asDouble();
        }
        double alpha = exponent(node, "alpha", SelectionSpec.DEFAULT_ALPHA, errors);
        double beta = exponent(node, "beta", SelectionSpec.DEFAULT_BETA, errors);
        String accuracy = accuracyMetric(node.get("accuracyMetric"), external, objectives, errors);
        return new SelectionSpec(SelectionSpec.REWARD, null, metric, target, alpha, beta, accuracy);
    }

    private static String rewardMetric(JsonNode m, boolean external, List<Objective> objectives,
                                       BiConsumer<String, String> errors) {
        String path = PATH + ".metric";
        if (m == null || m.isNull()) {
            errors.accept(path, "is required for the reward rule: a cost such as "
                    + new TreeSet<>(SelectionSpec.REWARD_COSTS));
            return null;
        }
        String name = m.isTextual() ? m.asText() : null;
        if (external) {
            if (name == null || !USER_NAME.matcher(name).matches()) {
                errors.accept(path, "must be a metric name of yours (letters, digits, _ . -), got " + m);
                return null;
            }
        } else if (name == null || !SelectionSpec.REWARD_COSTS.contains(name)) {
            errors.accept(path, "must be a cost metric, one of " + new TreeSet<>(SelectionSpec.REWARD_COSTS)
                    + ", got " + m);
            return null;
        }
        Optional<Objective> objective = objectives.stream().filter(o -> o.metric().equals(name)).findFirst();
        if (objective.isPresent() && objective.get().direction() == Direction.MAXIMIZE) {
            errors.accept(path, "'" + name + "' is a maximized objective here; the reward's metric is a cost, "
                    + "lower is better");
            return null;
        }
        return name;
    }

    private static double exponent(JsonNode node, String field, double defaultValue, BiConsumer<String, String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() > 0
                || v.asDouble() < SelectionSpec.LOWEST_EXPONENT) {
            errors.accept(PATH + "." + field, "must be a number in [" + (int) SelectionSpec.LOWEST_EXPONENT
                    + ", 0] (a positive exponent would reward a higher cost), got " + v);
            return defaultValue;
        }
        return v.asDouble();
    }

    private static String accuracyMetric(JsonNode a, boolean external, List<Objective> objectives,
                                         BiConsumer<String, String> errors) {
        String path = PATH + ".accuracyMetric";
        if (a == null || a.isNull()) {
            if (objectives.isEmpty()) {
                return null; // the objectives' own errors say what is wrong
            }
            Objective primary = objectives.get(0);
            if (primary.direction() == Direction.MAXIMIZE) {
                return primary.metric();
            }
            if (!external) {
                return Metric.VAL_ACCURACY.wireName();
            }
            errors.accept(path, "is required: the primary objective '" + primary.metric() + "' is minimized, and "
                    + "the reward multiplies an accuracy (a maximized metric)");
            return null;
        }
        String name = a.isTextual() ? a.asText() : null;
        if (external) {
            if (name == null || !USER_NAME.matcher(name).matches()) {
                errors.accept(path, "must be a metric name of yours (letters, digits, _ . -), got " + a);
                return null;
            }
        } else {
            Metric known = name == null ? null : Metric.fromWire(name).orElse(null);
            if (known == null || !known.selectable() || known.naturalDirection() != Direction.MAXIMIZE) {
                errors.accept(path, "must be a maximized metric such as " + Metric.VAL_ACCURACY.wireName()
                        + " (test_accuracy never chooses), got " + a);
                return null;
            }
        }
        Optional<Objective> objective = objectives.stream().filter(o -> o.metric().equals(name)).findFirst();
        if (objective.isPresent() && objective.get().direction() == Direction.MINIMIZE) {
            errors.accept(path, "'" + name + "' is a minimized objective here; the reward multiplies an accuracy");
            return null;
        }
        return name;
    }
}
