package io.paretune.controller.importance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParameterImportancesTest {

    /** 40 trials whose objective is mostly learningRate, less units, and nothing of the rest. */
    private static final int TRIALS = 40;

    @Test
    void ranksTheParameterThatDrivesTheObjectiveFirstAndNoiseLast() {
        SplittableRandom random = new SplittableRandom(1);
        List<Map<String, Object>> params = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            double lr = Math.pow(10, -4 + 3 * random.nextDouble());
            int units = 16 + random.nextInt(500);
            String activation = random.nextBoolean() ? "relu" : "tanh";
            Map<String, Object> p = new HashMap<>();
            p.put("learningRate", lr);
            p.put("units", units);
            p.put("activation", activation);
            p.put("batchSize", 128);
            params.add(p);
            values.add(0.9 - 0.1 * Math.abs(Math.log10(lr) + 2.5) + 0.0002 * units);
        }
        ParameterImportances.Result result = ParameterImportances.of(params, values, 7);

        assertThat(result.omitted()).isNull();
        assertThat(result.shares()).as(result.toString()).extracting(ParameterImportances.Share::parameter)
                .containsExactly("learningRate", "units", "activation");
        assertThat(result.shares().get(0).importance()).as(result.toString()).isGreaterThan(0.5);
        assertThat(result.shares().get(2).importance()).isLessThan(0.05);
        assertThat(result.shares().stream().mapToDouble(ParameterImportances.Share::importance).sum())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theSameSeedGivesTheSameShares() {
        List<Map<String, Object>> params = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            params.add(Map.of("x", i * 0.5, "shape", i % 3 == 0 ? "bowl" : "ridge"));
            values.add(i * 0.5 * i * 0.5 + (i % 3 == 0 ? 1 : 0));
        }
        assertThat(ParameterImportances.of(params, values, 3)).isEqualTo(ParameterImportances.of(params, values, 3));
    }

    @Test
    void anInactiveConditionalParameterIsAValueOfItsOwn() {
        List<Map<String, Object>> params = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> p = new HashMap<>();
            p.put("pruning", i % 2 == 0 ? "none" : "magnitude");
            if (i % 2 == 1) {
                p.put("targetSparsity", 0.5 + i * 0.02);
            }
            params.add(p);
            values.add(i % 2 == 0 ? 0.85 : 0.85 - (0.5 + i * 0.02) * 0.2);
        }
        ParameterImportances.Result result = ParameterImportances.of(params, values, 11);
        assertThat(result.shares()).extracting(ParameterImportances.Share::parameter)
                .containsExactlyInAnyOrder("pruning", "targetSparsity");
        assertThat(result.shares()).allSatisfy(s -> assertThat(s.importance()).isBetween(0.0, 1.0));
    }

    @Test
    void tooFewTrialsOrNothingVaryingIsSaidNotGuessed() {
        List<Map<String, Object>> four = List.of(Map.of("x", 1), Map.of("x", 2), Map.of("x", 3), Map.of("x", 4));
        ParameterImportances.Result few = ParameterImportances.of(four, List.of(1.0, 2.0, 3.0, 4.0), 1);
        assertThat(few.shares()).isEmpty();
        assertThat(few.omitted()).contains("at least 5");

        List<Map<String, Object>> fixed = List.of(Map.of("x", 1), Map.of("x", 1), Map.of("x", 1), Map.of("x", 1),
                Map.of("x", 1));
        ParameterImportances.Result none = ParameterImportances.of(fixed, List.of(1.0, 2.0, 3.0, 4.0, 5.0), 1);
        assertThat(none.shares()).isEmpty();
        assertThat(none.omitted()).contains("no parameter");
    }
}
