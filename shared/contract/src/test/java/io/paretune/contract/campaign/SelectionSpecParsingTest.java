package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code selection}: the verdict's rule, its options and defaults, and a 400 naming every bad field. */
class SelectionSpecParsingTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    /** A pipeline campaign over accuracy and latency; OBJECTIVES, CONSTRAINTS and SELECTION are replaced. */
    private static final String PIPELINE = """
            {
              "dataset": {"name": "fashion-mnist", "trainLimit": 1000},
              "searchSpace": {"units": {"type": "int", "low": 16, "high": 256}},
              "objectives": OBJECTIVES,
              "constraints": CONSTRAINTS,
              "selection": SELECTION,
              "budget": {"maxTrials": 4, "maxEpochsPerTrial": 2}
            }
            """;
    private static final String TWO = "[{\"metric\": \"val_accuracy\"}, {\"metric\": \"latency_ms_p50\"}]";
    private static final String ONE = "[{\"metric\": \"val_accuracy\"}]";
    private static final String LATENCY_AT_MOST = "[{\"metric\": \"latency_ms_p50\", \"max\": 0.3}]";

    private static final String EXTERNAL = """
            {
              "evaluation": "external",
              "searchSpace": {"x": {"type": "float", "low": -5, "high": 5}},
              "objectives": [{"metric": "loss", "direction": "minimize"}, {"metric": "ms", "direction": "minimize"},
                             {"metric": "score", "direction": "maximize"}],
              "selection": SELECTION,
              "budget": {"maxTrials": 4}
            }
            """;

    private CampaignSpecParser.Parsed parse(String objectives, String constraints, String selection) {
        return parse(PIPELINE.replace("OBJECTIVES", objectives).replace("CONSTRAINTS", constraints)
                .replace("SELECTION", selection));
    }

    private CampaignSpecParser.Parsed parse(String json) {
        try {
            return parser.parse(Json.mapper().readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SelectionSpec selection(String selection) {
        CampaignSpecParser.Parsed parsed = parse(TWO, LATENCY_AT_MOST, selection);
        assertThat(parsed.errors()).isEmpty();
        return parsed.spec().selection();
    }

    private List<FieldError> errors(String objectives, String constraints, String selection) {
        CampaignSpecParser.Parsed parsed = parse(objectives, constraints, selection);
        assertThat(parsed.isValid()).as("spec should be invalid").isFalse();
        return parsed.errors();
    }

    private List<FieldError> errors(String selection) {
        return errors(TWO, LATENCY_AT_MOST, selection);
    }

    private List<FieldError> externalErrors(String selection) {
        CampaignSpecParser.Parsed parsed = parse(EXTERNAL.replace("SELECTION", selection));
        assertThat(parsed.isValid()).as("spec should be invalid").isFalse();
        return parsed.errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void absentOrNullIsThePrimaryRule() {
        assertThat(selection("null")).isEqualTo(SelectionSpec.primary());
        CampaignSpecParser.Parsed parsed = parse("""
                {"dataset": {"name": "fashion-mnist"}, "searchSpace": {"units": 32},
                 "objectives": [{"metric": "val_accuracy"}], "budget": {"maxTrials": 1, "maxEpochsPerTrial": 1}}""");
        assertThat(parsed.spec().selection()).isEqualTo(SelectionSpec.primary());
    }

    @Test
    void eachRuleIsReadWithItsOptionsAndDefaults() {
        assertThat(selection("{\"rule\": \"primary\"}")).isEqualTo(SelectionSpec.primary());
        assertThat(selection("{\"rule\": \"constraints\"}")).isEqualTo(SelectionSpec.of(SelectionSpec.CONSTRAINTS));
        assertThat(selection("{\"rule\": \"knee\"}")).isEqualTo(SelectionSpec.of(SelectionSpec.KNEE));
        assertThat(selection("{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 2, \"latency_ms_p50\": 0.5}}"))
                .isEqualTo(SelectionSpec.weighted(Map.of("val_accuracy", 2.0, "latency_ms_p50", 0.5)));
        assertThat(selection("{\"rule\": \"weighted\", \"weights\": {\"latency_ms_p50\": 1}}").weight("val_accuracy"))
                .as("an objective left out weighs 0").isZero();
        assertThat(selection("{\"rule\": \"reward\", \"metric\": \"latency_ms_p50\", \"target\": 0.3}"))
                .as("MnasNet's soft form and the primary objective by default")
                .isEqualTo(SelectionSpec.reward("val_accuracy", "latency_ms_p50", 0.3, -0.07, -0.07));
        assertThat(selection("""
                {"rule": "reward", "metric": "nonzero_params", "target": 20000, "alpha": 0, "beta": -1,
                 "accuracyMetric": "train_accuracy"}"""))
                .as("the hard form").isEqualTo(SelectionSpec.reward("train_accuracy", "nonzero_params", 20000, 0, -1));
    }

    @Test
    void aRewardOnAMinimizedPrimaryMultipliesValidationAccuracyInPipelines() {
        CampaignSpecParser.Parsed parsed = parse("[{\"metric\": \"val_loss\"}, {\"metric\": \"macs\"}]", "null",
                "{\"rule\": \"reward\", \"metric\": \"macs\", \"target\": 100000}");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().selection().accuracyMetric()).isEqualTo("val_accuracy");
    }

    @Test
    void externalCampaignsNameTheirOwnMetrics() {
        CampaignSpecParser.Parsed parsed = parse(EXTERNAL.replace("SELECTION", """
                {"rule": "reward", "metric": "ms", "target": 5, "accuracyMetric": "score"}"""));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().selection()).isEqualTo(SelectionSpec.reward("score", "ms", 5, -0.07, -0.07));
        assertThat(parse(EXTERNAL.replace("SELECTION", "{\"rule\": \"weighted\", \"weights\": {\"ms\": 1}}"))
                .errors()).isEmpty();
    }

    @Test
    void theStoredSpecReadsBackTheSame() throws Exception {
        CampaignSpec spec = parse(TWO, LATENCY_AT_MOST,
                "{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 3, \"latency_ms_p50\": 1}}").spec();
        String json = Json.mapper().writeValueAsString(spec);
        assertThat(Json.mapper().readValue(json, CampaignSpec.class)).isEqualTo(spec);
        JsonNode stored = Json.mapper().readTree(json);
        assertThat(stored.at("/selection/rule").asText()).isEqualTo("weighted");
        assertThat(stored.at("/selection").has("target")).as("options of other rules are left out").isFalse();
        JsonNode older = Json.mapper().readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) older).remove("selection");
        assertThat(Json.mapper().treeToValue(older, CampaignSpec.class).selection())
                .as("a spec stored before selection existed reads as the primary rule").isEqualTo(SelectionSpec.primary());
    }

    @Test
    void aSelectionThatIsNoObjectOrNamesNoKnownRuleIsRefused() {
        assertThat(errors("\"knee\"")).containsExactly(new FieldError("selection",
                "must be an object such as {\"rule\": \"knee\"}"));
        assertThat(errors("{\"rule\": \"pareto\"}")).containsExactly(new FieldError("selection.rule",
                "got \"pareto\"; one of [primary, constraints, knee, weighted, reward]"));
        assertThat(errors("{}")).containsExactly(new FieldError("selection.rule",
                "is required; one of [primary, constraints, knee, weighted, reward]"));
    }

    @Test
    void optionsOfAnotherRuleAreRefused() {
        assertThat(errors("{\"rule\": \"knee\", \"weights\": {\"val_accuracy\": 1}, \"target\": 3}"))
                .extracting(FieldError::field).containsExactlyInAnyOrder("selection.weights", "selection.target");
        assertThat(errors("{\"rule\": \"primary\", \"metric\": \"macs\"}")).containsExactly(new FieldError(
                "selection.metric", "unknown field for the primary rule; known: [rule]"));
    }

    @Test
    void theConstraintsRuleNeedsConstraints() {
        assertThat(fields(errors(TWO, "null", "{\"rule\": \"constraints\"}"))).containsExactly("selection.rule");
        assertThat(fields(errors(TWO, "[]", "{\"rule\": \"constraints\"}"))).containsExactly("selection.rule");
        assertThat(fields(errors(TWO, "[{\"metric\": \"latency_ms_p50\"}]", "{\"rule\": \"constraints\"}")))
                .as("bad constraints are reported where they are, once").containsExactly("constraints[0]");
    }

    @Test
    void kneeAndWeightedNeedTwoObjectives() {
        assertThat(errors(ONE, "null", "{\"rule\": \"knee\"}")).containsExactly(new FieldError("selection.rule",
                "the knee rule trades objectives off and needs at least 2; this campaign has 1 (val_accuracy)"));
        assertThat(fields(errors(ONE, "null", "{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 1}}")))
                .containsExactly("selection.rule");
        assertThat(fields(errors("[]", "null", "{\"rule\": \"knee\"}")))
                .as("bad objectives are reported where they are, once").containsExactly("objectives");
    }

    @Test
    void weightsAreNonNegativeOverObjectivesAndOneIsPositive() {
        assertThat(fields(errors("{\"rule\": \"weighted\"}"))).containsExactly("selection.weights");
        assertThat(fields(errors("{\"rule\": \"weighted\", \"weights\": [1, 2]}"))).containsExactly("selection.weights");
        assertThat(errors("""
                {"rule": "weighted", "weights": {"val_accuracy": 1, "latency_ms_p50": -1, "param_count": 2,
                                                 "val_loss": "high"}}"""))
                .containsExactly(
                        new FieldError("selection.weights.latency_ms_p50", "must be a finite number >= 0, got -1"),
                        new FieldError("selection.weights.param_count",
                                "not an objective of this campaign; objectives: [val_accuracy, latency_ms_p50]"),
                        new FieldError("selection.weights.val_loss",
                                "not an objective of this campaign; objectives: [val_accuracy, latency_ms_p50]"));
        assertThat(errors("{\"rule\": \"weighted\", \"weights\": {\"val_accuracy\": 0, \"latency_ms_p50\": 0}}"))
                .containsExactly(new FieldError("selection.weights",
                        "needs at least one positive weight, got {\"val_accuracy\":0,\"latency_ms_p50\":0}"));
        assertThat(fields(errors("{\"rule\": \"weighted\", \"weights\": {}}"))).containsExactly("selection.weights");
    }

    @Test
    void aRewardNamesEveryBadFieldAtOnce() {
        assertThat(fields(errors("{\"rule\": \"reward\"}"))).containsExactly("selection.metric", "selection.target");
        assertThat(errors("""
                {"rule": "reward", "metric": "val_accuracy", "target": 0, "alpha": 0.5, "beta": -11,
                 "accuracyMetric": "test_accuracy"}""")).containsExactly(
                new FieldError("selection.metric", "must be a cost metric, one of [latency_ms_p50, latency_ms_p95, "
                        + "macs, model_size_bytes, nonzero_params, param_count, train_seconds], got \"val_accuracy\""),
                new FieldError("selection.target", "must be a finite number > 0, got 0"),
                new FieldError("selection.alpha",
                        "must be a number in [-10, 0] (a positive exponent would reward a higher cost), got 0.5"),
                new FieldError("selection.beta",
                        "must be a number in [-10, 0] (a positive exponent would reward a higher cost), got -11"),
                new FieldError("selection.accuracyMetric",
                        "must be a maximized metric such as val_accuracy (test_accuracy never chooses), got \"test_accuracy\""));
        assertThat(fields(errors("""
                {"rule": "reward", "metric": "latency_ms_p50", "target": "fast", "accuracyMetric": "latency_ms_p95"}""")))
                .containsExactly("selection.target", "selection.accuracyMetric");
    }

    @Test
    void aRewardRefusesObjectivesOfTheWrongDirection() {
        assertThat(fields(errors("[{\"metric\": \"val_accuracy\"}, {\"metric\": \"latency_ms_p50\", "
                + "\"direction\": \"maximize\"}]", "null", "{\"rule\": \"reward\", \"metric\": \"latency_ms_p50\", "
                + "\"target\": 1}"))).containsExactly("selection.metric");
        assertThat(externalErrors("{\"rule\": \"reward\", \"metric\": \"score\", \"target\": 1, \"accuracyMetric\": \"loss\"}"))
                .extracting(FieldError::field).containsExactly("selection.metric", "selection.accuracyMetric");
        assertThat(externalErrors("{\"rule\": \"reward\", \"metric\": \"ms\", \"target\": 1}")).containsExactly(
                new FieldError("selection.accuracyMetric", "is required: the primary objective 'loss' is minimized, "
                        + "and the reward multiplies an accuracy (a maximized metric)"));
        assertThat(fields(externalErrors("{\"rule\": \"reward\", \"metric\": \"bad name!\", \"target\": 1, "
                + "\"accuracyMetric\": \"score\"}"))).containsExactly("selection.metric");
    }
}
