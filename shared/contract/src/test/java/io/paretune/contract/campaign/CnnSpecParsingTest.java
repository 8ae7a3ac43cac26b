package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.ParameterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code cnn} campaign's search space is checked against the cnn catalogue, as an mlp one is against its own. */
class CnnSpecParsingTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    static final String CNN = """
            {
              "name": "cnn",
              "dataset": {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 2000},
              "modelFamily": "cnn",
              "searchSpace": {
                "convLayers": {"type": "int", "low": 1, "high": 3},
                "filters": {"type": "int", "low": 8, "high": 64, "log": true},
                "filterGrowth": {"type": "float", "low": 1.0, "high": 2.0},
                "kernelSize": {"type": "categorical", "choices": [3, 5]},
                "pooling": {"type": "categorical", "choices": ["max", "avg"]},
                "denseUnits": {"type": "categorical", "choices": [0, 64, 128]},
                "dropout": {"type": "float", "low": 0.0, "high": 0.5},
                "batchNorm": {"type": "categorical", "choices": [true, false]},
                "learningRate": {"type": "float", "low": 1e-4, "high": 1e-2, "log": true},
                "batchSize": 128
              },
              "objectives": [{"metric": "val_accuracy", "direction": "maximize"}, {"metric": "latency_ms_p50"}],
              "budget": {"maxTrials": 4, "maxParallel": 2, "maxEpochsPerTrial": 2},
              "strategy": {"sampler": "random", "seed": 7}
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

    /**
     * A space that passes every per-parameter rule can still hold a network no worker can train: 256 filters
     * doubling over 4 blocks at batch 4096. Each parameter of the space that sizes it is named; the same space with
     * small filters and batches fits.
     */
    @Test
    void aSpaceWhoseLargestNetworkExceedsTheWorkersMemoryIsRefusedNamingItsSizes() {
        CampaignSpecParser budgeted = new CampaignSpecParser(Set.of("random"), 1024 * 1_000_000L);
        String huge = CNN.replace("\"high\": 64, \"log\": true", "\"high\": 256, \"log\": true")
                .replace("\"high\": 3}", "\"high\": 4}").replace("\"batchSize\": 128", "\"batchSize\": 4096");

        List<FieldError> errors = budgeted.parse(json(huge)).errors();

        assertThat(errors).extracting(FieldError::field).containsExactly("searchSpace.convLayers",
                "searchSpace.filters", "searchSpace.filterGrowth", "searchSpace.kernelSize", "searchSpace.denseUnits",
                "searchSpace.batchSize");
        assertThat(errors.get(0).message()).contains("convLayers=4, filters=256, filterGrowth=2.0, kernelSize=5",
                "batchSize=4096", "GB) to train, more than the 1.0 GB a worker grants a trial");
        assertThat(budgeted.parse(json(CNN)).errors()).isEmpty();
        assertThat(parser.parse(json(huge)).errors()).as("no budget, no check").isEmpty();
    }

    @Test
    void acceptsACnnSpace() {
        CampaignSpecParser.Parsed parsed = parser.parse(json(CNN));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.spec().modelFamily()).isEqualTo("cnn");
        assertThat(parsed.spec().searchSpace().parameters()).containsKeys("convLayers", "kernelSize", "denseUnits");
        assertThat(parsed.spec().searchSpace().parameters().get("kernelSize"))
                .isInstanceOf(ParameterSpec.Categorical.class);
    }

    @Test
    void mlpParameterInACnnSpaceIsNamed() {
        List<FieldError> errors = errorsOf(CNN.replace("\"batchSize\": 128", "\"batchSize\": 128, \"hiddenLayers\": 2"));

        assertThat(errors).extracting(FieldError::field).containsExactly("searchSpace.hiddenLayers");
        assertThat(errors.get(0).message()).contains("unknown parameter of the cnn family").contains("convLayers");
    }

    @Test
    void cnnParameterInAnMlpSpaceIsNamed() {
        List<FieldError> errors = errorsOf(CampaignSpecParserTest.VALID.replace("\"epochs\": 3",
                "\"epochs\": 3, \"kernelSize\": 3"));

        assertThat(errors).extracting(FieldError::field).containsExactly("searchSpace.kernelSize");
        assertThat(errors.get(0).message()).contains("unknown parameter of the mlp family");
    }

    @Test
    void valuesOutsideTheCnnCatalogueAreNamed() {
        List<FieldError> errors = errorsOf(CNN
                .replace("\"choices\": [3, 5]", "\"choices\": [3, 4]")
                .replace("\"low\": 1, \"high\": 3", "\"low\": 1, \"high\": 6")
                .replace("[\"max\", \"avg\"]", "[\"max\", \"median\"]"));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "searchSpace.kernelSize.choices[1]", "searchSpace.convLayers.high", "searchSpace.pooling.choices[1]");
    }

    @Test
    void aRangeOverAListedIntIsRefused() {
        List<FieldError> errors = errorsOf(CNN.replace("{\"type\": \"categorical\", \"choices\": [3, 5]}",
                "{\"type\": \"int\", \"low\": 3, \"high\": 5}"));

        assertThat(errors).extracting(FieldError::field).containsExactly("searchSpace.kernelSize");
        assertThat(errors.get(0).message()).contains("use type categorical");
    }
}
