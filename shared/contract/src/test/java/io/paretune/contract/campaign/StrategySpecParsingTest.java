package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.Condition;
import io.paretune.contract.search.ParameterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's search strategy: conditional parameters, constraints, sampler options, pruners, external campaigns. */
class StrategySpecParsingTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random", "tpe"));

    private static final String PIPELINE = """
            {
              "dataset": {"name": "fashion-mnist"},
              "searchSpace": {
                "hiddenLayers": {"type": "int", "low": 0, "high": 3},
                "units": {"type": "int", "low": 32, "high": 512, "log": true, "when": {"parameter": "hiddenLayers", "min": 1}},
                "optimizer": {"type": "categorical", "choices": ["adam", "sgd"]},
                "learningRate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": true, "when": {"parameter": "optimizer", "in": ["sgd"]}}
              },
              "objectives": [{"metric": "val_accuracy"}, {"metric": "latency_ms_p50"}],
              "constraints": [{"metric": "latency_ms_p50", "max": 0.2}, {"metric": "param_count", "min": 1000, "max": 500000}],
              "budget": {"maxTrials": 20, "maxEpochsPerTrial": 9},
              "strategy": {"sampler": "tpe", "seed": 3, "options": {"multivariate": true, "nStartupTrials": 5},
                           "pruner": {"type": "asha", "reductionFactor": 3}}
            }
            """;

    private static final String EXTERNAL = """
            {
              "name": "my-model",
              "evaluation": "external",
              "searchSpace": {
                "x": {"type": "float", "low": -5, "high": 5},
                "layer.units": {"type": "int", "low": 8, "high": 64}
              },
              "objectives": [{"metric": "loss", "direction": "minimize"}],
              "constraints": [{"metric": "memory_mb", "max": 512}],
              "budget": {"maxTrials": 30, "maxParallel": 4},
              "strategy": {"sampler": "tpe", "pruner": {"type": "median", "warmupSteps": 2}}
            }
            """;

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, String> errorsOf(String text) {
        CampaignSpecParser.Parsed parsed = parser.parse(json(text));
        assertThat(parsed.isValid()).as("spec should be invalid").isFalse();
        return parsed.errors().stream().collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::message,
                (a, b) -> a + "; " + b));
    }

    @Test
    void pipelineSpecWithConditionsConstraintsOptionsAndPruner() {
        CampaignSpecParser.Parsed parsed = parser.parse(json(PIPELINE));
        assertThat(parsed.errors()).isEmpty();
        CampaignSpec spec = parsed.spec();
        assertThat(spec.isExternal()).isFalse();
        assertThat(spec.searchSpace().parameters().get("units").when()).isEqualTo(new Condition("hiddenLayers", null, 1.0, null));
        assertThat(spec.searchSpace().samplingOrder()).containsSubsequence("hiddenLayers", "units");
        assertThat(spec.searchSpace().samplingOrder()).containsSubsequence("optimizer", "learningRate");
        assertThat(spec.constraints()).containsExactly(new Constraint("latency_ms_p50", null, 0.2),
                new Constraint("param_count", 1000.0, 500000.0));
        assertThat(spec.strategy().options()).containsEntry("multivariate", true).containsEntry("nStartupTrials", 5L);
        // Defaults are filled in when stored: maxResource from the budget, minResource 1.
        assertThat(spec.strategy().pruner()).isEqualTo(new PrunerSpec("asha", 1, 9, 3, null, null, null));
    }

    @Test
    void externalSpecTakesTheUsersNames() {
        CampaignSpecParser.Parsed parsed = parser.parse(json(EXTERNAL));
        assertThat(parsed.errors()).isEmpty();
        CampaignSpec spec = parsed.spec();
        assertThat(spec.isExternal()).isTrue();
        assertThat(spec.dataset()).isNull();
        assertThat(spec.searchSpace().parameters()).containsKeys("x", "layer.units");
        assertThat(spec.objectives()).containsExactly(new Objective("loss", Direction.MINIMIZE));
        assertThat(spec.budget().maxEpochsPerTrial()).isZero();
        assertThat(spec.strategy().pruner()).isEqualTo(new PrunerSpec("median", null, null, null, 5, 2, 1));
    }

    @Test
    void specsRoundTripThroughJsonAsStored() throws Exception {
        for (String text : List.of(PIPELINE, EXTERNAL)) {
            CampaignSpec spec = parser.parse(json(text)).spec().withSeed(11);
            String stored = Json.writeString(spec);
            assertThat(Json.mapper().readValue(stored, CampaignSpec.class)).isEqualTo(spec);
            assertThat(parser.parse(json(stored)).spec()).isEqualTo(spec);
        }
    }

    @Test
    void specsStoredBeforeTheseFieldsExistedStillRead() throws Exception {
        String old = """
                {"name":"old","dataset":{"name":"fashion-mnist","validationFraction":0.1,"trainLimit":null,"splitSeed":42},
                 "modelFamily":"mlp","searchSpace":{"units":{"type":"int","low":32,"high":64,"log":false,"step":1}},
                 "objectives":[{"metric":"val_accuracy","direction":"maximize"}],
                 "budget":{"maxTrials":2,"maxParallel":1,"maxEpochsPerTrial":1},
                 "strategy":{"sampler":"random","seed":1},"earlyStopping":{"patience":3}}
                """;
        CampaignSpec spec = Json.mapper().readValue(old, CampaignSpec.class);
        assertThat(spec.evaluation()).isEqualTo(Evaluation.PIPELINE);
        assertThat(spec.constraints()).isEmpty();
        assertThat(spec.strategy().options()).isEmpty();
        assertThat(spec.strategy().pruner()).isNull();
        assertThat(spec.searchSpace().parameters().get("units")).isEqualTo(new ParameterSpec.IntRange(32, 64, false, 1));
    }

    @Test
    void badConditionsAreNamed() {
        Map<String, String> errors = errorsOf(PIPELINE
                .replace("\"when\": {\"parameter\": \"hiddenLayers\", \"min\": 1}", "\"when\": {\"parameter\": \"depth\", \"min\": 1}")
                .replace("\"when\": {\"parameter\": \"optimizer\", \"in\": [\"sgd\"]}", "\"when\": {\"parameter\": \"optimizer\"}"));
        assertThat(errors).containsKeys("searchSpace.units.when.parameter", "searchSpace.learningRate.when");
        assertThat(errors.get("searchSpace.units.when.parameter")).contains("unknown parameter 'depth'");
    }

    @Test
    void conditionCyclesAreRefused() {
        Map<String, String> errors = errorsOf(EXTERNAL.replace(
                "\"x\": {\"type\": \"float\", \"low\": -5, \"high\": 5},",
                "\"x\": {\"type\": \"float\", \"low\": -5, \"high\": 5, \"when\": {\"parameter\": \"layer.units\", \"min\": 10}},")
                .replace("\"layer.units\": {\"type\": \"int\", \"low\": 8, \"high\": 64}",
                        "\"layer.units\": {\"type\": \"int\", \"low\": 8, \"high\": 64, \"when\": {\"parameter\": \"x\", \"min\": 0}}"));
        assertThat(errors.get("searchSpace")).contains("cycle");
    }

    @Test
    void badConstraintsAreNamed() {
        Map<String, String> errors = errorsOf(PIPELINE.replace(
                "[{\"metric\": \"latency_ms_p50\", \"max\": 0.2}, {\"metric\": \"param_count\", \"min\": 1000, \"max\": 500000}]",
                "[{\"metric\": \"speed\", \"max\": 1}, {\"metric\": \"param_count\"}, {\"metric\": \"param_count\", \"min\": 5, \"max\": 1}, {\"metric\": \"latency_ms_p50\", \"max\": \"fast\"}]"));
        assertThat(errors).containsKeys("constraints[0].metric", "constraints[1]", "constraints[2]", "constraints[3].max");
    }

    @Test
    void badPrunersAreNamed() {
        Map<String, String> errors = errorsOf(PIPELINE.replace("{\"type\": \"asha\", \"reductionFactor\": 3}",
                "{\"type\": \"asha\", \"reductionFactor\": 1, \"maxResource\": 20, \"warmupSteps\": 2}"));
        assertThat(errors).containsKeys("strategy.pruner.reductionFactor", "strategy.pruner.maxResource",
                "strategy.pruner.warmupSteps");
        assertThat(errorsOf(PIPELINE.replace("\"asha\"", "\"sometimes\""))).containsKey("strategy.pruner.type");
    }

    @Test
    void aPrunedPipelineCampaignMustPruneOnAnEpochMetric() {
        Map<String, String> errors = errorsOf(PIPELINE.replace(
                "[{\"metric\": \"val_accuracy\"}, {\"metric\": \"latency_ms_p50\"}]", "[{\"metric\": \"latency_ms_p50\"}]"));
        assertThat(errors.get("strategy.pruner")).contains("val_accuracy");
    }

    @Test
    void externalCampaignsRefusePipelineFieldsAndNeedDirectionsAndMaxResource() {
        Map<String, String> errors = errorsOf(EXTERNAL
                .replace("\"name\": \"my-model\",", "\"name\": \"my-model\", \"dataset\": {\"name\": \"fashion-mnist\"},")
                .replace("{\"metric\": \"loss\", \"direction\": \"minimize\"}", "{\"metric\": \"loss\"}, {\"metric\": \"9bad name\", \"direction\": \"up\"}")
                .replace("\"maxParallel\": 4", "\"maxParallel\": 4, \"maxEpochsPerTrial\": 3")
                .replace("{\"type\": \"median\", \"warmupSteps\": 2}", "{\"type\": \"hyperband\"}"));
        assertThat(errors).containsKeys("dataset", "objectives[0].direction", "objectives[1].metric",
                "objectives[1].direction", "budget.maxEpochsPerTrial", "strategy.pruner.maxResource");
    }

    @Test
    void optionsMustBeAnObject() {
        assertThat(errorsOf(PIPELINE.replace("{\"multivariate\": true, \"nStartupTrials\": 5}", "[1, 2]")))
                .containsKey("strategy.options");
    }
}
