package io.paretune.contract.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paretune.contract.search.CompressionParameters;
import io.paretune.contract.search.MemoryEstimate;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.ModelFamily;
import io.paretune.contract.search.ParameterRule;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.contract.search.SearchSpace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a campaign spec from JSON and reports every bad field at once, each with its JSON path, so that a user
 * fixes a spec in one round trip. Unknown fields are errors: a typo must not silently fall back to a default.
 *
 * <pre>{@code
 * Parsed parsed = new CampaignSpecParser(Set.of("random")).parse(json);
 * parsed.errors().forEach(e -> System.out.println(e.field() + ": " + e.message()));
 * }</pre>
 */
public final class CampaignSpecParser {

    public static final int MAX_TRIALS = 100_000;
    public static final int MAX_EPOCHS_PER_TRIAL = 1_000;
    public static final int MAX_PARALLEL = 1_000;
    /** Parameters of an external campaign's space: every ask models each of them over every trial so far. */
    public static final int MAX_PARAMETERS = 100;
    public static final int FASHION_MNIST_TRAIN_IMAGES = 60_000;
    /** Names of an external campaign's parameters and metrics (the evaluator's metric names are such names). */
    public static final String USER_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_.\\-]{0,99}$";

    private static final Set<String> TOP_LEVEL = Set.of("name", "evaluation", "dataset", "modelFamily", "searchSpace",
            "objectives", "constraints", "selection", "budget", "strategy", "earlyStopping");
    /** Fields that only pipeline campaigns (trained by the workers) have. */
    private static final Set<String> PIPELINE_ONLY = Set.of("dataset", "modelFamily", "earlyStopping");
    private static final Pattern USER_NAME = Pattern.compile(USER_NAME_PATTERN);
    private static final String USER_NAME_RULE = "must start with a letter or _ and hold only letters, digits, _ . - "
            + "(at most 100 characters)";
    /** Metrics a pipeline campaign gets after every epoch, so a pruner can compare trials by them. */
    private static final Set<String> EPOCH_METRICS = Set.of(Metric.VAL_ACCURACY.wireName(), Metric.VAL_LOSS.wireName());

    private final Set<String> samplers;
    private final long workerMemoryBytes;

    /** A parser that does not check the memory of the space's networks (external campaigns, tools). */
    public CampaignSpecParser(Set<String> samplers) {
        this(samplers, Long.MAX_VALUE);
    }

    /**
     * @param samplers          the sampler names the controller implements
     * @param workerMemoryBytes what a worker grants one trial's network ({@link MemoryEstimate}): a pipeline
     *                          space whose largest network needs more is refused
     */
    public CampaignSpecParser(Set<String> samplers, long workerMemoryBytes) {
        this.samplers = new TreeSet<>(samplers);
        this.workerMemoryBytes = workerMemoryBytes;
    }

    /** Either a spec or the list of what is wrong with it. */
    public record Parsed(CampaignSpec spec, List<FieldError> errors) {
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    public Parsed parse(JsonNode root) {
        Errors errors = new Errors();
        if (root == null || !root.isObject()) {
            errors.add("", "the campaign spec must be a JSON object");
            return new Parsed(null, errors.list);
        }
        unknownFields(root, TOP_LEVEL, "", errors);

        String name = optionalText(root, "name", "campaign", 200, errors);
        Evaluation evaluation = evaluation(root.get("evaluation"), errors);
        boolean external = evaluation == Evaluation.EXTERNAL;
        String family = null;
        DatasetSpec dataset = null;
        EarlyStopping earlyStopping = null;
        if (external) {
            for (String field : PIPELINE_ONLY) {
                if (root.hasNonNull(field)) {
                    errors.add(field, "not used by external campaigns (you train the models; drop this field)");
                }
            }
        } else {
            family = optionalText(root, "modelFamily", CampaignSpec.MLP, 50, errors);
            if (family != null && ModelFamily.fromWire(family).isEmpty()) {
                errors.add("modelFamily", "unknown model family '" + family + "'; known: " + ModelFamily.wireNames());
            }
            dataset = dataset(root.get("dataset"), errors);
            earlyStopping = earlyStopping(root.get("earlyStopping"), errors);
        }
        Budget budget = budget(root.get("budget"), external, errors);
        SearchSpace space = external ? userSearchSpace(root.get("searchSpace"), errors)
                : searchSpace(root.get("searchSpace"), ModelFamily.fromWire(family).orElse(null), budget, errors);
        List<Objective> objectives = objectives(root.get("objectives"), external, errors);
        int errorsBeforeConstraints = errors.list.size();
        List<Constraint> constraints = constraints(root.get("constraints"), external, errors);
        SelectionSpec selection = SelectionSpecJson.parse(root.get("selection"), external, objectives, constraints,
                errors.list.size() == errorsBeforeConstraints, errors::add);
        StrategySpec strategy = strategy(root.get("strategy"), external, budget, objectives, errors);

        if (!errors.list.isEmpty()) {
            return new Parsed(null, errors.list);
        }
        return new Parsed(new CampaignSpec(name, evaluation, dataset, family, space, objectives, constraints,
                selection, budget, strategy, earlyStopping), List.of());
    }

    private static Evaluation evaluation(JsonNode node, Errors errors) {
        if (node == null || node.isNull()) {
            return Evaluation.PIPELINE;
        }
        if (node.isTextual()) {
            try {
                return Evaluation.fromWire(node.asText());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        errors.add("evaluation", "must be pipeline or external, got " + node);
        return null;
    }

    private DatasetSpec dataset(JsonNode node, Errors errors) {
        if (!requireObject(node, "dataset", errors)) {
            return null;
        }
        unknownFields(node, Set.of("name", "validationFraction", "trainLimit", "splitSeed"), "dataset.", errors);
        String name = optionalText(node, "name", null, 100, errors.at("dataset."));
        if (name == null) {
            errors.add("dataset.name", "is required; known: [" + DatasetSpec.FASHION_MNIST + "]");
        } else if (!name.equals(DatasetSpec.FASHION_MNIST)) {
            errors.add("dataset.name", "unknown data set '" + name + "'; known: [" + DatasetSpec.FASHION_MNIST + "]");
        }
        double fraction = DatasetSpec.DEFAULT_VALIDATION_FRACTION;
        JsonNode f = node.get("validationFraction");
        if (f != null && !f.isNull()) {
            if (!f.isNumber() || !(f.asDouble() > 0 && f.asDouble() <= 0.5)) {
                errors.add("dataset.validationFraction", "must be a number in (0, 0.5], got " + f);
            } else {
                fraction = f.asDouble();
            }
        }
        Integer limit = null;
        JsonNode l = node.get("trainLimit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 10 || l.asInt() > FASHION_MNIST_TRAIN_IMAGES) {
                errors.add("dataset.trainLimit", "must be an integer in [10, " + FASHION_MNIST_TRAIN_IMAGES + "], got " + l);
            } else {
                limit = l.asInt();
            }
        }
        long splitSeed = DatasetSpec.DEFAULT_SPLIT_SEED;
        JsonNode s = node.get("splitSeed");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                errors.add("dataset.splitSeed", "must be an integer, got " + s);
            } else {
                splitSeed = s.asLong();
            }
        }
        return new DatasetSpec(name, fraction, limit, splitSeed);
    }

    private Budget budget(JsonNode node, boolean external, Errors errors) {
        if (!requireObject(node, "budget", errors)) {
            return null;
        }
        unknownFields(node, external ? Set.of("maxTrials", "maxParallel") : Set.of("maxTrials", "maxParallel", "maxEpochsPerTrial"),
                "budget.", errors);
        int maxTrials = positiveInt(node, "maxTrials", null, MAX_TRIALS, "budget.", errors);
        int maxParallel = positiveInt(node, "maxParallel", 1, MAX_PARALLEL, "budget.", errors);
        int maxEpochs = external ? 0 : positiveInt(node, "maxEpochsPerTrial", null, MAX_EPOCHS_PER_TRIAL, "budget.", errors);
        return new Budget(maxTrials, maxParallel, maxEpochs);
    }

    private int positiveInt(JsonNode node, String field, Integer defaultValue, int max, String prefix, Errors errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                errors.add(prefix + field, "is required");
                return 0;
            }
            return defaultValue;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > max) {
            errors.add(prefix + field, "must be a positive integer (at most " + max + "), got " + v);
            return 0;
        }
        return v.asInt();
    }

    /** A pipeline campaign's space, its names and values checked against {@code family}'s catalogue (when known). */
    private SearchSpace searchSpace(JsonNode node, ModelFamily family, Budget budget, Errors errors) {
        if (!requireObject(node, "searchSpace", errors)) {
            return null;
        }
        int errorsBefore = errors.list.size();
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "searchSpace." + e.getKey();
            // An unknown family is reported once, at modelFamily: its parameters cannot be judged.
            ParameterRule rule = family == null ? null : family.rules().get(e.getKey());
            if (family != null && rule == null) {
                errors.add(path, "unknown parameter of the " + family.wireName() + " family; known: "
                        + new TreeSet<>(family.rules().keySet()));
                continue;
            }
            ParameterSpec spec = SearchSpaceJson.parameter(e.getValue(), path, errors::add);
            if (spec == null) {
                continue;
            }
            if (rule == null) {
                parameters.put(e.getKey(), spec);
                continue;
            }
            checkAgainstRule(spec, rule, path, errors);
            if (budget != null && budget.maxEpochsPerTrial() > 0) {
                epochBudget(rule.name(), SearchSpaceJson.highestNumber(spec), budget.maxEpochsPerTrial(), path, errors);
            }
            parameters.put(e.getKey(), spec);
        }
        SearchSpace space = checkedConditions(SearchSpace.of(parameters), errors);
        // Rules between parameters need every parameter valid on its own first.
        if (family != null && budget != null && budget.maxEpochsPerTrial() > 0 && errors.list.size() == errorsBefore) {
            CompressionParameters.spaceProblems(family, parameters, budget.maxEpochsPerTrial())
                    .forEach((name, problem) -> errors.add("searchSpace." + name, problem));
        }
        if (family != null && errors.list.size() == errorsBefore) {
            checkMemory(family, parameters, errors);
        }
        return space;
    }

    /**
     * The space's largest network must fit a worker: otherwise every trial that draws it fails, or its worker is
     * killed. Each searched parameter that sizes it is named, since lowering any of them may be the fix.
     */
    private void checkMemory(ModelFamily family, Map<String, ParameterSpec> parameters, Errors errors) {
        MemoryEstimate largest = MemoryEstimate.largest(family, parameters);
        if (largest.totalBytes() <= workerMemoryBytes) {
            return;
        }
        String problem = "the largest network of this space (" + largest.valuesText() + ") needs "
                + largest.describe() + " to train, more than the " + MemoryEstimate.bytes(workerMemoryBytes)
                + " a worker grants a trial: lower it or the other sizing parameters";
        List<String> searched = MemoryEstimate.shape(family).stream().filter(parameters::containsKey).toList();
        if (searched.isEmpty()) {
            errors.add("searchSpace", problem);
        }
        searched.forEach(name -> errors.add("searchSpace." + name, problem));
    }

    /** Epoch counts a trial cannot reach: the trial's epochs, and the epochs where pruning starts, ends or stops. */
    private static void epochBudget(String name, double highest, int maxEpochs, String path, Errors errors) {
        switch (name) {
            case MlpParameters.EPOCHS, CompressionParameters.PRUNE_END_EPOCH -> {
                if (highest > maxEpochs) {
                    errors.add(path, "exceeds budget.maxEpochsPerTrial (" + maxEpochs + ")");
                }
            }
            case CompressionParameters.PRUNE_START_EPOCH, CompressionParameters.FINE_TUNE_EPOCHS -> {
                if (highest >= maxEpochs) {
                    errors.add(path, "must be less than budget.maxEpochsPerTrial (" + maxEpochs + ")");
                }
            }
            default -> {
            }
        }
    }

    /** An external campaign's space: any names, any dimensions. */
    private SearchSpace userSearchSpace(JsonNode node, Errors errors) {
        if (!requireObject(node, "searchSpace", errors)) {
            return null;
        }
        if (node.isEmpty()) {
            errors.add("searchSpace", "must define at least one parameter");
        }
        if (node.size() > MAX_PARAMETERS) {
            errors.add("searchSpace", "at most " + MAX_PARAMETERS + " parameters, got " + node.size());
            return null;
        }
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "searchSpace." + e.getKey();
            if (!USER_NAME.matcher(e.getKey()).matches()) {
                errors.add(path, "a parameter name " + USER_NAME_RULE);
                continue;
            }
            ParameterSpec spec = SearchSpaceJson.parameter(e.getValue(), path, errors::add);
            if (spec != null) {
                parameters.put(e.getKey(), spec);
            }
        }
        return checkedConditions(SearchSpace.of(parameters), errors);
    }

    private static SearchSpace checkedConditions(SearchSpace space, Errors errors) {
        space.parameters().forEach((name, spec) -> {
            if (spec.when() != null && !space.parameters().containsKey(spec.when().parameter())) {
                errors.add("searchSpace." + name + ".when.parameter", "unknown parameter '" + spec.when().parameter()
                        + "'; known: " + space.parameters().keySet());
            }
        });
        space.conditionProblem().filter(p -> p.contains("cycle")).ifPresent(p -> errors.add("searchSpace", p));
        return space;
    }

    private static void checkAgainstRule(ParameterSpec spec, ParameterRule rule, String path, Errors errors) {
        if (spec instanceof ParameterSpec.FloatRange r) {
            if (rule.kind() != io.paretune.contract.search.ValueKind.FLOAT) {
                errors.add(path, "a float range is not allowed here; " + rule.name() + " takes " + rule.kind().name().toLowerCase()
                        + (rule.isNumeric() ? " values (use type int)" : " values (use type categorical)"));
                return;
            }
            checkValue(r.low(), rule, path + ".low", errors);
            checkValue(r.high(), rule, path + ".high", errors);
        } else if (spec instanceof ParameterSpec.IntRange r) {
            if (!rule.allowed().isEmpty()) {
                // A range would sample the values in between (kernelSize 4): only the listed ones are allowed.
                errors.add(path, "an int range is not allowed here; " + rule.name() + " takes one of "
                        + rule.allowed() + " (use type categorical)");
                return;
            }
            if (!rule.isNumeric()) {
                errors.add(path, "an int range is not allowed here; " + rule.name() + " takes "
                        + rule.kind().name().toLowerCase() + " values (use type categorical)");
                return;
            }
            checkValue(r.low(), rule, path + ".low", errors);
            checkValue(r.high(), rule, path + ".high", errors);
        } else if (spec instanceof ParameterSpec.Categorical c) {
            for (int i = 0; i < c.choices().size(); i++) {
                checkValue(c.choices().get(i), rule, path + ".choices[" + i + "]", errors);
            }
        } else if (spec instanceof ParameterSpec.Fixed f) {
            checkValue(f.value(), rule, path, errors);
        }
    }

    private static void checkValue(Object value, ParameterRule rule, String path, Errors errors) {
        String problem = rule.check(value);
        if (problem != null) {
            errors.add(path, problem);
        }
    }

    private List<Objective> objectives(JsonNode node, boolean external, Errors errors) {
        List<Objective> objectives = new ArrayList<>();
        if (node == null || node.isNull()) {
            errors.add("objectives", "is required: a non-empty list such as [{\"metric\": \"val_accuracy\", \"direction\": \"maximize\"}]");
            return objectives;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add("objectives", "must be a non-empty list");
            return objectives;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "objectives[" + i + "]";
            JsonNode o = node.get(i);
            if (!o.isObject()) {
                errors.add(path, "must be an object with metric and direction");
                continue;
            }
            unknownFields(o, Set.of("metric", "direction"), path + ".", errors);
            JsonNode m = o.get("metric");
            Metric metric = null;
            if (external) {
                userObjective(o, path, seen, errors).ifPresent(objectives::add);
                continue;
            }
            if (m == null || !m.isTextual()) {
                errors.add(path + ".metric", "is required");
            } else {
                metric = Metric.fromWire(m.asText()).orElse(null);
                if (metric == null) {
                    errors.add(path + ".metric", "unknown metric '" + m.asText() + "'; known: " + selectableMetrics());
                } else if (!metric.selectable()) {
                    errors.add(path + ".metric", "'" + metric.wireName() + "' cannot be an objective: " + metric.description());
                    metric = null;
                } else if (!seen.add(metric.wireName())) {
                    errors.add(path + ".metric", "'" + metric.wireName() + "' is listed twice");
                }
            }
            Direction direction = metric != null ? metric.naturalDirection() : null;
            JsonNode d = o.get("direction");
            if (d != null && !d.isNull()) {
                try {
                    direction = Direction.fromWire(d.asText());
                } catch (IllegalArgumentException e) {
                    errors.add(path + ".direction", "must be maximize or minimize, got " + d);
                }
            }
            if (metric != null) {
                objectives.add(new Objective(metric.wireName(), direction));
            }
        }
        return objectives;
    }

    /** An external campaign's objective: the user's own metric name, and a direction, which is required. */
    private static Optional<Objective> userObjective(JsonNode o, String path, Set<String> seen, Errors errors) {
        JsonNode m = o.get("metric");
        String metric = null;
        if (m == null || !m.isTextual() || !USER_NAME.matcher(m.asText()).matches()) {
            errors.add(path + ".metric", "is required, and " + USER_NAME_RULE);
        } else if (!seen.add(m.asText())) {
            errors.add(path + ".metric", "'" + m.asText() + "' is listed twice");
        } else {
            metric = m.asText();
        }
        Direction direction = null;
        JsonNode d = o.get("direction");
        if (d == null || d.isNull()) {
            errors.add(path + ".direction", "is required for external campaigns: maximize or minimize");
        } else {
            try {
                direction = Direction.fromWire(d.asText());
            } catch (IllegalArgumentException e) {
                errors.add(path + ".direction", "must be maximize or minimize, got " + d);
            }
        }
        return metric != null && direction != null ? Optional.of(new Objective(metric, direction))
                : Optional.empty();
    }

    private static List<Constraint> constraints(JsonNode node, boolean external, Errors errors) {
        List<Constraint> constraints = new ArrayList<>();
        if (node == null || node.isNull()) {
            return constraints;
        }
        if (!node.isArray()) {
            errors.add("constraints", "must be a list such as [{\"metric\": \"latency_ms_p50\", \"max\": 0.2}]");
            return constraints;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "constraints[" + i + "]";
            JsonNode c = node.get(i);
            if (!c.isObject()) {
                errors.add(path, "must be an object with metric and min and/or max");
                continue;
            }
            unknownFields(c, Set.of("metric", "min", "max"), path + ".", errors);
            JsonNode m = c.get("metric");
            String metric = null;
            if (m == null || !m.isTextual()) {
                errors.add(path + ".metric", "is required");
            } else if (external) {
                if (USER_NAME.matcher(m.asText()).matches()) {
                    metric = m.asText();
                } else {
                    errors.add(path + ".metric", USER_NAME_RULE);
                }
            } else {
                Metric known = Metric.fromWire(m.asText()).orElse(null);
                if (known == null || !known.selectable()) {
                    errors.add(path + ".metric", "unknown metric '" + m.asText() + "'; known: " + selectableMetrics());
                } else {
                    metric = known.wireName();
                }
            }
            Double min = optionalFinite(c, "min", path, errors);
            Double max = optionalFinite(c, "max", path, errors);
            if (min == null && max == null && !c.hasNonNull("min") && !c.hasNonNull("max")) {
                errors.add(path, "needs min, max or both");
            } else if (min != null && max != null && min > max) {
                errors.add(path, "min (" + min + ") must not exceed max (" + max + ")");
            }
            if (metric != null && (min != null || max != null)) {
                constraints.add(new Constraint(metric, min, max));
            }
        }
        return constraints;
    }

    private static Double optionalFinite(JsonNode node, String field, String path, Errors errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            errors.add(path + "." + field, "must be a finite number, got " + v);
            return null;
        }
        return v.asDouble();
    }

    private static List<String> selectableMetrics() {
        List<String> names = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.selectable()) {
                names.add(m.wireName());
            }
        }
        return names;
    }

    private StrategySpec strategy(JsonNode node, boolean external, Budget budget, List<Objective> objectives,
                                  Errors errors) {
        String defaultSampler = samplers.contains("random") ? "random" : samplers.iterator().next();
        if (node == null || node.isNull()) {
            return new StrategySpec(defaultSampler, null);
        }
        if (!requireObject(node, "strategy", errors)) {
            return null;
        }
        unknownFields(node, Set.of("sampler", "seed", "options", "pruner"), "strategy.", errors);
        String sampler = optionalText(node, "sampler", defaultSampler, 50, errors.at("strategy."));
        if (sampler != null && !samplers.contains(sampler)) {
            errors.add("strategy.sampler", "unknown sampler '" + sampler + "'; known: " + samplers);
        }
        Long seed = null;
        JsonNode s = node.get("seed");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                errors.add("strategy.seed", "must be an integer, got " + s);
            } else {
                seed = s.asLong();
            }
        }
        Map<String, Object> options = Map.of();
        JsonNode o = node.get("options");
        if (o != null && !o.isNull()) {
            if (!o.isObject()) {
                errors.add("strategy.options", "must be a JSON object of sampler settings");
            } else if (finiteNumbers(o, "strategy.options", errors)) {
                options = OBJECT_READER.convertValue(o, new TypeReference<Map<String, Object>>() { });
            }
        }
        PrunerSpec pruner = PrunerSpecJson.parse(node.get("pruner"), external, budget, objectives, EPOCH_METRICS,
                errors::add);
        return new StrategySpec(sampler, seed, options, pruner);
    }

    private static final ObjectMapper OBJECT_READER = new ObjectMapper();

    /**
     * Whether every number under {@code node} is finite, naming each one that is not: samplers check their own
     * options, and should never have to think of NaN (the spec reader lets it through to be named here).
     */
    private static boolean finiteNumbers(JsonNode node, String path, Errors errors) {
        if (node.isNumber()) {
            if (Double.isFinite(node.asDouble())) {
                return true;
            }
            errors.add(path, "must be a finite number, got " + node.asText());
            return false;
        }
        boolean finite = true;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                finite &= finiteNumbers(node.get(i), path + "[" + i + "]", errors);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            finite &= finiteNumbers(e.getValue(), path + "." + e.getKey(), errors);
        }
        return finite;
    }

    private EarlyStopping earlyStopping(JsonNode node, Errors errors) {
        if (node == null || node.isNull()) {
            return new EarlyStopping(EarlyStopping.DEFAULT_PATIENCE);
        }
        if (!requireObject(node, "earlyStopping", errors)) {
            return null;
        }
        unknownFields(node, Set.of("patience"), "earlyStopping.", errors);
        JsonNode p = node.get("patience");
        if (p == null || p.isNull()) {
            return new EarlyStopping(EarlyStopping.DEFAULT_PATIENCE);
        }
        if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 0 || p.asInt() > MAX_EPOCHS_PER_TRIAL) {
            errors.add("earlyStopping.patience", "must be an integer >= 0 (0 turns early stopping off), got " + p);
            return null;
        }
        return new EarlyStopping(p.asInt());
    }

    private static boolean requireObject(JsonNode node, String field, Errors errors) {
        if (node == null || node.isNull()) {
            errors.add(field, "is required");
            return false;
        }
        if (!node.isObject()) {
            errors.add(field, "must be a JSON object");
            return false;
        }
        return true;
    }

    private static String optionalText(JsonNode node, String field, String defaultValue, int maxLength, Errors errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > maxLength) {
            errors.add(field, "must be a non-blank string of at most " + maxLength + " characters");
            return null;
        }
        return v.asText().trim();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, Errors errors) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                errors.add(prefix + f, "unknown field; known: " + new TreeSet<>(known));
            }
        }
    }

    /** Collects errors, optionally under a path prefix. */
    static final class Errors {
        private final List<FieldError> list;
        private final String prefix;

        Errors() {
            this(new ArrayList<>(), "");
        }

        private Errors(List<FieldError> list, String prefix) {
            this.list = list;
            this.prefix = prefix;
        }

        void add(String field, String message) {
            list.add(new FieldError(prefix + field, message));
        }

        Errors at(String morePrefix) {
            return new Errors(list, prefix + morePrefix);
        }
    }
}
