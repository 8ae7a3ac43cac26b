package io.paretune.bench.search.functions.classic;

import io.paretune.bench.search.functions.TestFunctions;
import io.paretune.bench.search.functions.TestFunction;
import io.paretune.contract.search.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The literature's values of the classic functions, and where their shifts put the minimum. */
class ClassicFunctionsTest {

    static List<String> names() {
        return List.copyOf(ClassicFunctions.all().keySet());
    }

    private static BoxFunction box(String name) {
        return (BoxFunction) TestFunctions.byName(name);
    }

    private static Map<String, Object> point(double... x) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            out.put(TestFunction.coordinate(i + 1), x[i]);
        }
        return out;
    }

    /** {@code x = s + z}: the shifted function at the unshifted formula's {@code z}. */
    private static Map<String, Object> shifted(BoxFunction f, double... z) {
        double[] s = f.shift();
        double[] x = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            x[i] = s[i] + z[i];
        }
        return point(x);
    }

    @Test
    void everyFamilyIsRegisteredInItsDimensions() {
        assertThat(names()).containsExactly("rastrigin-d2", "rastrigin-d5", "rastrigin-d10", "schwefel-d2",
                "schwefel-d5", "griewank-d5", "griewank-d10", "ackley-d5", "ackley-d10", "levy-d5", "levy-d10",
                "styblinski-tang-d5", "styblinski-tang-d10", "michalewicz-d2", "michalewicz-d5", "shekel5",
                "shekel7", "shekel10");
        assertThat(TestFunctions.names()).containsSubsequence(names());
        assertThat(box("rastrigin-d10").space().parameters()).hasSize(10).containsKeys("x01", "x10");
        assertThat(box("shekel7").space().parameters()).hasSize(4);
    }

    @Test
    void rastriginHasUnitStepsBetweenItsLocalMinima() {
        BoxFunction f = box("rastrigin-d5");
        assertThat(f.formula(new double[] {1, 1})).isCloseTo(2.0, within(1e-12)); // 20 + 2 (1 - 10 cos 2π)
        assertThat(f.evaluate(shifted(f, 1, 0, 0, 0, 0))).isCloseTo(1.0, within(1e-9));
        assertThat(f.evaluate(shifted(f, 0.5, 0, 0, 0, 0))).isCloseTo(20.25, within(1e-9)); // 0.25 + 10 + 10
        assertThat(f.description()).contains("in [-5.12, 5.12]");
    }

    @Test
    void shiftsPutTheMinimumWhereTheirJavadocSays() {
        assertThat(box("rastrigin-d5").argmin()).isEqualTo(point(1.2785, -2.4316, 0.6921, 3.1547, -1.8764));
        assertThat(box("rastrigin-d2").argmin()).isEqualTo(point(1.2785, -2.4316));
        assertThat(box("ackley-d5").argmin()).isEqualTo(point(7.4318, -12.6951, 3.8827, 15.2364, -9.1473));
        assertThat(box("griewank-d5").argmin()).isEqualTo(point(137.42, -241.86, 68.93, 312.57, -184.31));
        assertThat((Double) box("levy-d5").argmin().get("x01")).isCloseTo(3.3817, within(1e-12));
        assertThat((Double) box("levy-d5").argmin().get("x02")).isCloseTo(-3.1563, within(1e-12));
        assertThat((Double) box("styblinski-tang-d5").argmin().get("x01")).isCloseTo(-2.903534 + 1.4172, within(1e-6));
        assertThat((Double) box("styblinski-tang-d5").argmin().get("x05")).isCloseTo(-2.903534 - 1.6293, within(1e-6));
        assertThat(box("schwefel-d5").shift()).containsOnly(0.0);
        assertThat(box("michalewicz-d5").shift()).containsOnly(0.0);
        assertThat(box("shekel5").shift()).containsOnly(0.0);
    }

    @ParameterizedTest
    @MethodSource("names")
    void minimumIsNeitherCentralNorOnRoundValues(String name) {
        BoxFunction f = box(name);
        ParameterSpec.FloatRange range = (ParameterSpec.FloatRange) f.space().parameters().get("x01");
        double centre = (range.low() + range.high()) / 2;
        double halfWidth = (range.high() - range.low()) / 2;
        Map<String, Object> centrePoint = new HashMap<>();
        f.argmin().forEach((p, x) -> {
            assertThat((Double) x).as(p).isBetween(range.low(), range.high());
            assertThat((Double) x * 4).as(p + " is no multiple of 1/4").isNotEqualTo(Math.rint((Double) x * 4));
            centrePoint.put(p, centre);
        });
        double farthest = f.argmin().values().stream().mapToDouble(x -> Math.abs((Double) x - centre)).max().orElseThrow();
        assertThat(farthest).isGreaterThan(0.1 * halfWidth);
        assertThat(f.evaluate(centrePoint)).isGreaterThan(f.optimum() + 1e-3);
    }

    @Test
    void shiftedFunctionsAreNoLongerMinimalWhereTheLiteraturePutsTheMinimum() {
        for (String name : List.of("rastrigin-d5", "griewank-d5", "ackley-d5")) {
            assertThat(box(name).evaluate(point(0, 0, 0, 0, 0))).as(name).isGreaterThan(1);
            assertThat(box(name).evaluate(shifted(box(name), 0, 0, 0, 0, 0))).as(name).isCloseTo(0, within(1e-9));
        }
        assertThat(box("levy-d5").evaluate(point(1, 1, 1, 1, 1))).isGreaterThan(1);
    }

    @Test
    void ackleyGriewankLevyAndStyblinskiTangAtHandCheckedPoints() {
        // 20 (1 - exp(-0.2 / √5)): the cosine terms cancel e.
        BoxFunction ackley = box("ackley-d5");
        assertThat(ackley.evaluate(shifted(ackley, 1, 0, 0, 0, 0))).isCloseTo(1.7111871278556596, within(1e-9));
        // cos(2π / √1) = 1, the other cosines 1: only the bowl remains, (2π)² / 4000.
        BoxFunction griewank = box("griewank-d5");
        assertThat(griewank.evaluate(shifted(griewank, 2 * Math.PI, 0, 0, 0, 0))).isCloseTo(0.009869604401089358, within(1e-9));
        // z = -3 gives w = 0: 4 (1 + 10 sin² 1) + 1.
        BoxFunction levy = box("levy-d5");
        assertThat(levy.evaluate(shifted(levy, -3, -3, -3, -3, -3))).isCloseTo(33.32293673094285, within(1e-9));
        // (1 - 16 + 5) / 2 per coordinate.
        BoxFunction styblinskiTang = box("styblinski-tang-d5");
        assertThat(styblinskiTang.evaluate(shifted(styblinskiTang, 1, 1, 1, 1, 1))).isCloseTo(-25.0, within(1e-9));
        assertThat(styblinskiTang.optimum()).isCloseTo(-39.16599 * 5, within(1e-3)); // the literature's -39.16599 d
        assertThat(box("styblinski-tang-d10").optimum()).isCloseTo(-391.6616570377142, within(1e-9));
    }

    @Test
    void schwefelIsItsRoundedConstantAtZeroAndNearlyZeroAtItsArgmin() {
        BoxFunction f = box("schwefel-d2");
        assertThat(f.evaluate(point(0, 0))).isEqualTo(837.9658);
        assertThat(f.evaluate(point(420.9687, 420.9687))).isCloseTo(0, within(1e-4));
        assertThat(f.optimum()).isCloseTo(2.5455e-5, within(1e-9));
        assertThat(box("schwefel-d5").optimum()).isCloseTo(6.3638e-5, within(1e-9));
    }

    @Test
    void michalewiczHasTheLiteraturesMinima() {
        BoxFunction d2 = box("michalewicz-d2");
        assertThat(d2.evaluate(point(2.20, 1.57))).isCloseTo(-1.8013, within(2e-4));
        assertThat(d2.optimum()).isCloseTo(-1.8013, within(1e-4));
        assertThat((Double) d2.argmin().get("x01")).isCloseTo(2.20, within(0.005));
        assertThat((Double) d2.argmin().get("x02")).isCloseTo(Math.PI / 2, within(1e-15));
        assertThat(box("michalewicz-d5").optimum()).isCloseTo(-4.687658, within(1e-6));
    }

    @Test
    void shekelHasTheLiteraturesMinimaNearFours() {
        Map<String, Double> literature = Map.of("shekel5", -10.1532, "shekel7", -10.4029, "shekel10", -10.5364);
        literature.forEach((name, minimum) -> {
            BoxFunction f = box(name);
            assertThat(f.evaluate(point(4, 4, 4, 4))).as(name).isCloseTo(minimum, within(2e-4));
            assertThat(f.optimum()).as(name).isCloseTo(minimum, within(5e-5)).isLessThan(f.evaluate(point(4, 4, 4, 4)));
            f.argmin().values().forEach(x -> assertThat((Double) x).isCloseTo(4, within(1e-3)));
        });
        // At the second well's centre: -1 / β_2 = -5, and a little from the wells farther away.
        assertThat(box("shekel5").evaluate(point(1, 1, 1, 1))).isCloseTo(-5.0552, within(1e-4));
    }

    @Test
    void dimensionsBeyondTheShiftTablesAreRefused() {
        assertThatThrownBy(() -> new Rastrigin(11)).hasMessageContaining("2 to 10 dimensions");
        assertThatThrownBy(() -> new Michalewicz(1)).hasMessageContaining("at least 2 dimensions");
        assertThatThrownBy(() -> new Shekel(6)).hasMessageContaining("5, 7 or 10");
    }
}
