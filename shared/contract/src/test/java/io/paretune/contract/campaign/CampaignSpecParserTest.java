package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.ParameterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignSpecParserTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    static final String VALID = """
            {
              "name": "quick",
              "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 5000},
              "modelFamily": "mlp",
              "searchSpace": {
                "hiddenLayers": {"type": "int", "low": 1, "high": 3},
                "units": {"type": "int", "low": 32, "high": 512, "log": true},
                "activation": {"type": "categorical", "choices": ["relu", "tanh"]},
                "dropout": {"type": "float", "low": 0.0, "high": 0.5},
                "l2": {"type": "float", "low": 1e-6, "high": 1e-3, "log": true},
                "learningRate": {"type": "float", "low": 1e-4, "high": 1e-2, "log": true},
                "optimizer": {"type": "categorical", "choices": ["adam", "sgd"]},
                "batchSize": {"type": "categorical", "choices": [64, 128, 256]},
                "batchNorm": {"type": "categorical", "choices": [true, false]},
                "epochs": 3
              },
              "objectives": [{"metric": "val_accuracy", "direction": "maximize"}, {"metric": "latency_ms_p50"}],
              "budget": {"maxTrials": 8, "maxParallel": 2, "maxEpochsPerTrial": 3},
              "strategy": {"sampler": "random", "seed": 7},
              "earlyStopping": {"patience": 2}
            }
            """;

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<FieldError> errorsOf(String text) {
        CampaignSpecParser.Parsed parsed = parser.parse(json(text));
        assertThat(parsed.isValid()).as("spec should be invalid").isFalse();
        return parsed.errors();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void parsesAFullSpec() {
        CampaignSpecParser.Parsed parsed = parser.parse(json(VALID));

        assertThat(parsed.errors()).isEmpty();
        CampaignSpec spec = parsed.spec();
        assertThat(spec.dataset()).isEqualTo(new DatasetSpec("fashion-mnist", 0.1, 5000, DatasetSpec.DEFAULT_SPLIT_SEED));
        assertThat(spec.budget()).isEqualTo(new Budget(8, 2, 3));
        assertThat(spec.strategy()).isEqualTo(new StrategySpec("random", 7L));
        assertThat(spec.earlyStopping().patience()).isEqualTo(2);
        assertThat(spec.primaryObjective()).isEqualTo(new Objective("val_accuracy", Direction.MAXIMIZE));
        assertThat(spec.objectives().get(1)).as("direction defaults to the metric's natural one")
                .isEqualTo(new Objective("latency_ms_p50", Direction.MINIMIZE));
        assertThat(spec.searchSpace().parameters()).containsKeys("units", "epochs", "batchNorm");
        assertThat(spec.searchSpace().parameters().get("units")).isEqualTo(new ParameterSpec.IntRange(32, 512, true, 1));
        assertThat(spec.searchSpace().parameters().get("epochs")).isEqualTo(new ParameterSpec.Fixed(3L));
        assertThat(new java.util.ArrayList<>(spec.searchSpace().parameters().keySet())).as("sorted, whatever the input order").isSorted();
    }

    @Test
    void appliesDefaults() {
        CampaignSpec spec = parser.parse(json("""
                {"dataset": {"name": "fashion-mnist"}, "searchSpace": {"units": {"type": "int", "low": 8, "high": 64}},
                 "objectives": [{"metric": "val_accuracy"}], "budget": {"maxTrials": 2, "maxEpochsPerTrial": 1}}
                """)).spec();

        assertThat(spec.modelFamily()).isEqualTo("mlp");
        assertThat(spec.dataset().validationFraction()).isEqualTo(0.1);
        assertThat(spec.dataset().trainLimit()).isNull();
        assertThat(spec.budget().maxParallel()).isEqualTo(1);
        assertThat(spec.strategy()).isEqualTo(new StrategySpec("random", null));
        assertThat(spec.earlyStopping().patience()).isEqualTo(EarlyStopping.DEFAULT_PATIENCE);
    }

    @Test
    void specSurvivesAJsonRoundTrip() throws Exception {
        CampaignSpec spec = parser.parse(json(VALID)).spec();
        CampaignSpec back = Json.mapper().readValue(Json.write(spec), CampaignSpec.class);
        assertThat(back).isEqualTo(spec);
        assertThat(parser.parse(Json.mapper().readTree(Json.write(spec))).spec()).isEqualTo(spec);
    }

    @Test
    void unknownParameterIsNamed() {
        List<FieldError> errors = errorsOf(VALID.replace("\"epochs\": 3", "\"epochs\": 3, \"momentum\": 0.9"));
        assertThat(fields(errors)).containsExactly("searchSpace.momentum");
        assertThat(errors.get(0).message()).contains("unknown parameter").contains("learningRate");
    }

    @Test
    void lowAboveHighIsNamed() {
        List<FieldError> errors = errorsOf(VALID.replace("\"low\": 0.0, \"high\": 0.5", "\"low\": 0.5, \"high\": 0.1"));
        assertThat(fields(errors)).containsExactly("searchSpace.dropout");
        assertThat(errors.get(0).message()).contains("must not exceed high");
    }

    @Test
    void nonPositiveBudgetIsNamed() {
        List<FieldError> errors = errorsOf(VALID.replace("\"maxTrials\": 8, \"maxParallel\": 2",
                "\"maxTrials\": 0, \"maxParallel\": -1"));
        assertThat(fields(errors)).containsExactly("budget.maxTrials", "budget.maxParallel");
    }

    @Test
    void unknownMetricAndTestAccuracyAreRefusedAsObjectives() {
        List<FieldError> errors = errorsOf(VALID.replace(
                "[{\"metric\": \"val_accuracy\", \"direction\": \"maximize\"}, {\"metric\": \"latency_ms_p50\"}]",
                "[{\"metric\": \"f1\"}, {\"metric\": \"test_accuracy\"}, {\"metric\": \"val_loss\", \"direction\": \"up\"}]"));
        assertThat(fields(errors)).containsExactly("objectives[0].metric", "objectives[1].metric", "objectives[2].direction");
        assertThat(errors.get(1).message()).contains("never used to choose");
    }

    @Test
    void missingObjectivesAreNamed() {
        assertThat(fields(errorsOf(VALID.replace(
                "[{\"metric\": \"val_accuracy\", \"direction\": \"maximize\"}, {\"metric\": \"latency_ms_p50\"}]", "[]"))))
                .containsExactly("objectives");
    }

    @Test
    void unknownDataSetIsNamed() {
        List<FieldError> errors = errorsOf(VALID.replace("\"name\": \"fashion-mnist\"", "\"name\": \"cifar-10\""));
        assertThat(fields(errors)).containsExactly("dataset.name");
        assertThat(errors.get(0).message()).contains("fashion-mnist");
    }

    @Test
    void unknownSamplerAndFamilyAreNamed() {
        assertThat(fields(errorsOf(VALID.replace("\"sampler\": \"random\"", "\"sampler\": \"cmaes\"")
                .replace("\"modelFamily\": \"mlp\"", "\"modelFamily\": \"transformer\""))))
                .containsExactly("modelFamily", "strategy.sampler");
    }

    @Test
    void valuesOutsideAParameterCatalogueAreNamed() {
        List<FieldError> errors = errorsOf(VALID
                .replace("\"choices\": [\"relu\", \"tanh\"]", "\"choices\": [\"relu\", \"softsign\"]")
                .replace("\"low\": 32, \"high\": 512", "\"low\": 0, \"high\": 512")
                .replace("\"epochs\": 3", "\"epochs\": 10"));
        assertThat(fields(errors)).containsExactlyInAnyOrder(
                "searchSpace.activation.choices[1]", "searchSpace.units.low", "searchSpace.units.low", "searchSpace.epochs");
    }

    @Test
    void malformedParameterDefinitionsAreNamed() {
        List<FieldError> errors = errorsOf(VALID
                .replace("\"type\": \"float\", \"low\": 1e-4", "\"type\": \"float\", \"low\": \"small\"")
                .replace("{\"type\": \"categorical\", \"choices\": [\"adam\", \"sgd\"]}", "{\"type\": \"choice\"}")
                .replace("\"choices\": [64, 128, 256]", "\"choices\": []"));
        assertThat(fields(errors)).containsExactlyInAnyOrder(
                "searchSpace.learningRate.low", "searchSpace.optimizer.type", "searchSpace.batchSize.choices");
    }

    @Test
    void logRangeNeedsPositiveLow() {
        assertThat(fields(errorsOf(VALID.replace("\"low\": 1e-6, \"high\": 1e-3, \"log\": true",
                "\"low\": 0.0, \"high\": 1e-3, \"log\": true")))).containsExactly("searchSpace.l2.low");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<FieldError> errors = errorsOf("""
                {"dataset": {"name": "mnist", "validationFraction": 0.9}, "colour": "blue",
                 "searchSpace": {"depth": 3}, "objectives": [{"metric": "auc"}],
                 "budget": {"maxTrials": 0, "maxEpochsPerTrial": 0}}
                """);
        assertThat(fields(errors)).containsExactlyInAnyOrder("colour", "dataset.name", "dataset.validationFraction",
                "budget.maxTrials", "budget.maxEpochsPerTrial", "searchSpace.depth", "objectives[0].metric");
    }

    @Test
    void missingSectionsAreRequired() {
        assertThat(fields(errorsOf("{}"))).containsExactlyInAnyOrder("dataset", "budget", "searchSpace", "objectives");
        assertThat(fields(errorsOf("[1, 2]"))).containsExactly("");
    }
}
