package io.paretune.bench.search.functions;

import io.paretune.contract.campaign.Direction;
import io.paretune.contract.campaign.Objective;
import io.paretune.contract.search.ParameterSpec;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.SamplingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The test functions are what the literature says they are: their known minimum at their known argmin, nothing lower. */
class TestFunctionsTest {

    static List<String> names() {
        return TestFunctions.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void reachesItsOptimumAtItsArgmin(String name) {
        TestFunction f = TestFunctions.byName(name);
        // Hartmann-6's argmin and minimum are published to 6 digits.
        assertThat(f.evaluate(f.argmin())).isCloseTo(f.optimum(), within(1e-5));
    }

    @ParameterizedTest
    @MethodSource("names")
    void nothingInTheDomainIsBelowTheOptimum(String name) {
        TestFunction f = TestFunctions.byName(name);
        RandomSampler random = new RandomSampler();
        List<Objective> objectives = List.of(new Objective("value", Direction.MINIMIZE));
        for (int n = 0; n < 5000; n++) {
            Map<String, Object> point = random.sample(new SamplingRequest(f.space(), objectives, 3, n, List.of(), List.of()));
            assertThat(f.evaluate(point)).isGreaterThanOrEqualTo(f.optimum() - 1e-5);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void argminLiesInTheDomain(String name) {
        TestFunction f = TestFunctions.byName(name);
        // Conditional parameters are in the argmin exactly where their condition holds there.
        assertThat(f.argmin().keySet()).containsExactlyInAnyOrderElementsOf(f.space().samplingOrder().stream()
                .filter(p -> f.space().isActive(p, f.argmin())).toList());
        f.argmin().forEach((p, value) -> {
            ParameterSpec spec = f.space().parameters().get(p);
            if (spec instanceof ParameterSpec.FloatRange r) {
                assertThat((Double) value).isBetween(r.low(), r.high());
            } else if (spec instanceof ParameterSpec.IntRange r) {
                assertThat((Long) value).isBetween(r.low(), r.high());
            } else {
                assertThat(((ParameterSpec.Categorical) spec).choices()).contains(value);
            }
        });
    }

    @Test
    void braninHasThreeGlobalMinima() {
        Branin f = new Branin();
        assertThat(f.evaluate(Map.of("x1", -Math.PI, "x2", 12.275))).isCloseTo(0.397887, within(1e-6));
        assertThat(f.evaluate(Map.of("x1", Math.PI, "x2", 2.275))).isCloseTo(0.397887, within(1e-6));
        assertThat(f.evaluate(Map.of("x1", 9.42478, "x2", 2.475))).isCloseTo(0.397887, within(1e-6));
        assertThat(f.evaluate(Map.of("x1", 0.0, "x2", 0.0))).isCloseTo(55.602113, within(1e-5));
    }

    @Test
    void rosenbrockIsZeroAtOnesAndGrowsAwayFromThem() {
        Rosenbrock f = new Rosenbrock(10);
        Map<String, Object> point = new HashMap<>(f.argmin());
        assertThat(f.evaluate(point)).isZero();
        point.put("x01", 0.0); // (1 - 0)² + 100 (1 - 0)² = 101
        assertThat(f.evaluate(point)).isEqualTo(101.0);
        assertThat(f.space().parameters()).hasSize(10).containsKeys("x01", "x10");
    }

    @Test
    void mixedFunctionIsWorseAwayFromItsArgminInEveryParameter() {
        MixedFunction f = new MixedFunction();
        Map<String, Object> best = f.argmin();
        List<Map.Entry<String, Object>> moves = List.of(
                Map.entry("learningRate", 1e-2), Map.entry("dropout", 0.5), Map.entry("layers", 4L),
                Map.entry("units", 256L), Map.entry("optimizer", "rmsprop"), Map.entry("activation", "tanh"));
        for (Map.Entry<String, Object> move : moves) {
            Map<String, Object> point = new HashMap<>(best);
            point.put(move.getKey(), move.getValue());
            assertThat(f.evaluate(point)).as(move.getKey()).isGreaterThan(0.05);
        }
        // The interaction: sgd's best learning rate is 0.1, where adam's value would be far worse.
        Map<String, Object> sgd = new HashMap<>(best);
        sgd.put("optimizer", "sgd");
        sgd.put("learningRate", 0.1);
        assertThat(f.evaluate(sgd)).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void unknownFunctionSaysWhereTheKnownOnesAreListed() {
        assertThatThrownBy(() -> TestFunctions.byName("ackley"))
                .hasMessageContaining("unknown function 'ackley'").hasMessageContaining("--list-functions");
    }
}
