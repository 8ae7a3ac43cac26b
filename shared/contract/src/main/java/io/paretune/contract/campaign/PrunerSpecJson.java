package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/** Reads {@code strategy.pruner}, reporting every bad field by path, and fills in the defaults. */
final class PrunerSpecJson {

    private static final String PATH = "strategy.pruner";
    private static final Set<String> RUNG_FIELDS = Set.of("type", "minResource", "maxResource", "reductionFactor");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            PrunerSpec.ASHA, RUNG_FIELDS,
            PrunerSpec.HYPERBAND, RUNG_FIELDS,
            PrunerSpec.MEDIAN, Set.of("type", "startupTrials", "warmupSteps", "intervalSteps"));

    private PrunerSpecJson() {
    }

    /**
     * @param epochMetrics the metrics a pipeline campaign reports per epoch: a pruned pipeline campaign's primary
     *                     objective must be one of them
     * @return null when there is no pruner or it is invalid (then errors were reported)
     */
    static PrunerSpec parse(JsonNode node, boolean external, Budget budget, List<Objective> objectives,
                            Set<String> epochMetrics, BiConsumer<String, String> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.accept(PATH, "must be an object such as {\"type\": \"asha\"}");
            return null;
        }
        JsonNode t = node.get("type");
        String type = t != null && t.isTextual() ? t.asText() : null;
        if (type == null || !FIELDS.containsKey(type)) {
            errors.accept(PATH + ".type", "must be one of " + new TreeSet<>(FIELDS.keySet()) + ", got " + t);
            return null;
        }
        Counting counting = new Counting(errors);
        Set<String> known = FIELDS.get(type);
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                counting.accept(PATH + "." + f, "unknown field for " + type + "; known: " + new TreeSet<>(known));
            }
        });
        Integer min = integer(node, "minResource", 1, counting);
        Integer max = integer(node, "maxResource", 1, counting);
        Integer eta = integer(node, "reductionFactor", 2, counting);
        Integer startup = integer(node, "startupTrials", 0, counting);
        Integer warmup = integer(node, "warmupSteps", 0, counting);
        Integer interval = integer(node, "intervalSteps", 1, counting);
        boolean rungs = !type.equals(PrunerSpec.MEDIAN);
        int epochs = budget != null ? budget.maxEpochsPerTrial() : 0;
        if (external) {
            if (rungs && max == null && !node.hasNonNull("maxResource")) {
                counting.accept(PATH + ".maxResource", "is required for external campaigns: the step a trial ends at");
            }
        } else if (max != null && epochs > 0 && max > epochs) {
            counting.accept(PATH + ".maxResource", "must not exceed budget.maxEpochsPerTrial (" + epochs + ")");
        }
        int effectiveMax = max != null ? max : epochs;
        if (min != null && effectiveMax > 0 && min > effectiveMax) {
            counting.accept(PATH + ".minResource", "must not exceed maxResource (" + effectiveMax + ")");
        }
        if (!external && !objectives.isEmpty() && !epochMetrics.contains(objectives.get(0).metric())) {
            counting.accept(PATH, "prunes on the primary objective after each epoch, so objectives[0] must be one of "
                    + new TreeSet<>(epochMetrics) + ", got '" + objectives.get(0).metric() + "'");
        }
        if (counting.count > 0) {
            return null;
        }
        // Stored with every default filled in, so that what a campaign ran with never depends on this code's version.
        PrunerSpec filled = new PrunerSpec(type, min, max, eta, startup, warmup, interval).withDefaults(effectiveMax);
        return rungs
                ? new PrunerSpec(type, filled.minResource(), filled.maxResource(), filled.reductionFactor(), null, null, null)
                : new PrunerSpec(type, null, epochs > 0 ? epochs : null, null, filled.startupTrials(), filled.warmupSteps(),
                        filled.intervalSteps());
    }

    private static Integer integer(JsonNode node, String field, int lowest, Counting errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < lowest) {
            errors.accept(PATH + "." + field, "must be an integer >= " + lowest + ", got " + v);
            return null;
        }
        return v.asInt();
    }

    /** Forwards errors and counts them. */
    private static final class Counting implements BiConsumer<String, String> {
        private final BiConsumer<String, String> target;
        private int count;

        Counting(BiConsumer<String, String> target) {
            this.target = target;
        }

        @Override
        public void accept(String field, String message) {
            count++;
            target.accept(field, message);
        }
    }
}
