package io.paretune.contract.campaign;

import io.paretune.contract.api.StrictJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict reader lets NaN and ±Infinity through as numbers, so the parser must name each non-finite number by its
 * field rather than take it (a NaN range bound would poison every sample) or call the spec malformed.
 */
class NonFiniteSpecTest {

    private final CampaignSpecParser parser = new CampaignSpecParser(Set.of("random"));

    /** Each row: text of the valid spec, what replaces it, and the one field then named. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            "low": 0.0, "high": 0.5   | "low": NaN, "high": 0.5        | searchSpace.dropout.low
            "low": 1e-4, "high": 1e-2 | "low": 1e-4, "high": Infinity  | searchSpace.learningRate.high
            "low": 1e-6, "high": 1e-3 | "low": -Infinity, "high": 1e-3 | searchSpace.l2.low
            "epochs": 3               | "epochs": NaN                  | searchSpace.epochs
            "choices": [64, 128, 256] | "choices": [64, Infinity, 256] | searchSpace.batchSize.choices[1]
            512, "log": true}         | 512, "log": true, "when": {"parameter": "hiddenLayers", "min": NaN}}         | searchSpace.units.when.min
            512, "log": true}         | 512, "log": true, "when": {"parameter": "hiddenLayers", "in": [1, Infinity]}} | searchSpace.units.when.in[1]
            "maxTrials": 8            | "maxTrials": NaN               | budget.maxTrials
            "maxEpochsPerTrial": 3    | "maxEpochsPerTrial": Infinity  | budget.maxEpochsPerTrial
            "maxParallel": 2          | "maxParallel": 1e999           | budget.maxParallel
            "validationFraction": 0.1 | "validationFraction": NaN      | dataset.validationFraction
            "seed": 7                 | "seed": NaN                    | strategy.seed
            "seed": 7                 | "seed": 7, "options": {"gamma": NaN} | strategy.options.gamma
            "patience": 2             | "patience": Infinity           | earlyStopping.patience
            "budget":                 | "constraints": [{"metric": "latency_ms_p50", "max": Infinity}], "budget": | constraints[0].max
            "budget":                 | "constraints": [{"metric": "latency_ms_p50", "min": NaN, "max": 1}], "budget": | constraints[0].min
            """)
    void aNonFiniteNumberIsNamedByItsField(String valid, String nonFinite, String field) {
        assertThat(CampaignSpecParserTest.VALID).as("the spec holds the text to replace, once")
                .containsOnlyOnce(valid);
        String spec = CampaignSpecParserTest.VALID.replace(valid, nonFinite);

        List<FieldError> errors = parser.parse(StrictJson.read(spec)).errors();

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
    }
}
