package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.search.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compression parameters at submission: every combination that is the same in all trials is judged there, naming
 * the field; those that involve a searched value are left to each trial.
 */
class CompressionSpecParsingTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    /** An mlp campaign of 4 epochs per trial; {@code SPACE} is replaced by compression parameters. */
    private static final String SPEC = """
            {
              "dataset": {"name": "fashion-mnist", "trainLimit": 1000},
              "modelFamily": "FAMILY",
              "searchSpace": {
                "learningRate": {"type": "float", "low": 1e-4, "high": 1e-2, "log": true},
                SPACE
              },
              "objectives": [{"metric": "val_accuracy"}, {"metric": "model_size_bytes"}],
              "budget": {"maxTrials": 4, "maxEpochsPerTrial": 4}
            }
            """;

    private CampaignSpecParser.Parsed parse(String space) {
        return parse("mlp", space);
    }

    private CampaignSpecParser.Parsed parse(String family, String space) {
        try {
            JsonNode json = Json.mapper().readTree(SPEC.replace("FAMILY", family).replace("SPACE", space));
            return parser.parse(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<FieldError> errorsOf(String space) {
        return errorsOf("mlp", space);
    }

    private List<FieldError> errorsOf(String family, String space) {
        CampaignSpecParser.Parsed parsed = parse(family, space);
        assertThat(parsed.isValid()).as("spec should be invalid").isFalse();
        return parsed.errors();
    }

    private List<String> fieldsOf(String space) {
        return fieldsOf("mlp", space);
    }

    /** The fields refused, without their {@code searchSpace.} prefix. */
    private List<String> fieldsOf(String family, String space) {
        return errorsOf(family, space).stream().map(e -> e.field().replaceFirst("^searchSpace\\.", "")).toList();
    }

    private static FieldError error(String parameter, String message) {
        return new FieldError("searchSpace." + parameter, message);
    }

    @Test
    void compressionIsSearchableWithConditions() {
        CampaignSpecParser.Parsed parsed = parse("""
                "pruning": {"type": "categorical", "choices": ["none", "magnitude", "gradual", "structured"]},
                "targetSparsity": {"type": "float", "low": 0.5, "high": 0.95,
                                   "when": {"parameter": "pruning", "in": ["magnitude", "gradual", "structured"]}},
                "pruningScope": {"type": "categorical", "choices": ["global", "layer"]},
                "fineTuneEpochs": {"type": "int", "low": 0, "high": 2,
                                   "when": {"parameter": "pruning", "in": ["magnitude", "structured"]}},
                "pruneEndEpoch": {"type": "fixed", "value": 3, "when": {"parameter": "pruning", "in": ["gradual"]}},
                "precision": {"type": "categorical", "choices": ["fp32", "fp16", "int8"]}
                """);

        assertThat(parsed.errors()).isEmpty();
        SearchSpace space = parsed.spec().searchSpace();
        assertThat(space.samplingOrder()).containsSubsequence("pruning", "targetSparsity");
        assertThat(space.isActive("targetSparsity", Map.of("pruning", "gradual"))).isTrue();
        assertThat(space.isActive("targetSparsity", Map.of("pruning", "none"))).isFalse();
        assertThat(space.isActive("fineTuneEpochs", Map.of("pruning", "gradual"))).isFalse();
        assertThat(space.isActive("pruneEndEpoch", Map.of("pruning", "gradual"))).isTrue();
    }

    @Test
    void sparsityOfOneOrMoreIsRefused() {
        assertThat(errorsOf("\"pruning\": \"magnitude\", \"targetSparsity\": 1.0"))
                .containsExactly(error("targetSparsity", "must be within [0, 0.99], got 1.0"));
        assertThat(fieldsOf("\"pruning\": \"gradual\", \"targetSparsity\": {\"type\": \"float\", \"low\": 0.5, \"high\": 1.2}"))
                .containsExactly("targetSparsity.high");
    }

    @Test
    void settingsNoPossibleMethodReadsAreRefused() {
        List<FieldError> errors = errorsOf("\"targetSparsity\": 0.5, \"pruningScope\": \"layer\"");
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("searchSpace.targetSparsity", "searchSpace.pruningScope");
        assertThat(errors.get(0).message()).isEqualTo("is not used when pruning is [none]; it applies to "
                + "[gradual, magnitude, structured]");

        assertThat(fieldsOf("\"pruning\": \"none\", \"fineTuneEpochs\": 1")).containsExactly("fineTuneEpochs");
        assertThat(fieldsOf("\"pruning\": {\"type\": \"categorical\", \"choices\": [\"magnitude\", \"structured\"]},"
                + " \"pruneStartEpoch\": 1")).containsExactly("pruneStartEpoch");
        assertThat(fieldsOf("\"pruning\": \"gradual\", \"fineTuneEpochs\": 1")).containsExactly("fineTuneEpochs");
        assertThat(parse("\"pruning\": {\"type\": \"categorical\", \"choices\": [\"none\", \"magnitude\"]},"
                + " \"targetSparsity\": 0.7").errors()).as("some trials read it").isEmpty();
    }

    @Test
    void gradualPruningEndingAfterTheTrialOrBeforeItStartsIsRefused() {
        assertThat(errorsOf("\"pruning\": \"gradual\", \"pruneEndEpoch\": 4, \"epochs\": 3"))
                .containsExactly(error("pruneEndEpoch", "4 is after the trial's last epoch (3)"));
        assertThat(fieldsOf("\"pruning\": \"gradual\", \"pruneStartEpoch\": 2, \"pruneEndEpoch\": 2"))
                .containsExactly("pruneEndEpoch");
        assertThat(errorsOf("\"pruning\": \"gradual\", \"pruneEndEpoch\": {\"type\": \"int\", \"low\": 2, \"high\": 6}"))
                .containsExactly(error("pruneEndEpoch", "exceeds budget.maxEpochsPerTrial (4)"));
        assertThat(fieldsOf("\"pruning\": \"gradual\", \"pruneStartEpoch\": 4")).containsExactly("pruneStartEpoch");
        assertThat(errorsOf("""
                "pruning": {"type": "categorical", "choices": ["none", "gradual"]},
                "pruneEndEpoch": {"type": "fixed", "value": 4, "when": {"parameter": "pruning", "in": ["gradual"]}},
                "epochs": 3
                """)).as("every gradual trial would have it").containsExactly(
                error("pruneEndEpoch", "4 is after the trial's last epoch (3)"));
    }

    @Test
    void fineTuningEveryEpochIsRefused() {
        assertThat(fieldsOf("\"pruning\": \"magnitude\", \"fineTuneEpochs\": 2, \"epochs\": 2"))
                .containsExactly("fineTuneEpochs");
        assertThat(errorsOf("\"pruning\": \"structured\", \"fineTuneEpochs\": {\"type\": \"int\", \"low\": 0, \"high\": 4}"))
                .containsExactly(error("fineTuneEpochs", "must be less than budget.maxEpochsPerTrial (4)"));
    }

    @Test
    void structuredPruningThatEmptiesALayerIsRefused() {
        assertThat(fieldsOf("\"pruning\": \"structured\", \"targetSparsity\": 0.95, \"units\": 8"))
                .containsExactly("targetSparsity");
        assertThat(fieldsOf("\"pruning\": \"structured\", \"hiddenLayers\": 0")).containsExactly("pruning");
        assertThat(fieldsOf("cnn", "\"pruning\": \"structured\", \"targetSparsity\": 0.9, \"filters\": 4"))
                .containsExactly("targetSparsity");
        assertThat(parse("\"pruning\": \"structured\", \"targetSparsity\": 0.9, \"units\": 8").errors())
                .as("round(0.8) = 1 unit left").isEmpty();
    }

    @Test
    void combinationsOfSearchedValuesAreJudgedPerTrial() {
        CampaignSpecParser.Parsed parsed = parse("""
                "pruning": "structured",
                "targetSparsity": 0.95,
                "units": {"type": "int", "low": 8, "high": 256, "log": true},
                "fineTuneEpochs": 1,
                "epochs": {"type": "int", "low": 1, "high": 4}
                """);

        assertThat(parsed.errors()).as("some trials are valid").isEmpty();
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("pruning", "structured", "targetSparsity", 0.95,
                "units", 8L, "fineTuneEpochs", 1L, "epochs", 4L), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("targetSparsity 0.95");
        assertThatThrownBy(() -> MlpParameters.resolve(Map.of("pruning", "structured", "targetSparsity", 0.95,
                "units", 64L, "fineTuneEpochs", 1L, "epochs", 1L), 4))
                .hasMessageStartingWith("fineTuneEpochs 1 must be less than the trial's epochs (1)");
        assertThat(MlpParameters.resolve(Map.of("pruning", "structured", "targetSparsity", 0.95, "units", 64L,
                "fineTuneEpochs", 1L, "epochs", 3L), 4).compression().fineTuneEpochs()).isEqualTo(1);
    }
}
