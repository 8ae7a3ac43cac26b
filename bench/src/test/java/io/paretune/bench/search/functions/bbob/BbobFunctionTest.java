package io.paretune.bench.search.functions.bbob;

import io.paretune.bench.search.functions.TestFunctions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The BBOB functions are COCO's: the same values as COCO's own regression data at its points, instances included.
 * The tolerance, 1e-9 relative (absolute below 1), is that of COCO's own regression test: sums in another order move
 * the last bits, which Weierstrass' frequencies up to 3^11 (f16) and the cosine of Rosenbrock terms (f19) amplify.
 * The worst error here is about 1e-11; over COCO's full regression data, bench/bbob.py's is 4e-10.
 */
class BbobFunctionTest {

    private static final double TOLERANCE = 1e-9;

    record Reference(int function, int dimension, int instance, double value, double[] x) {
    }

    static List<Reference> references() throws IOException {
        List<Reference> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                BbobFunctionTest.class.getResourceAsStream("/bbob/coco-reference.csv")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] x = Arrays.stream(cells[4].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                out.add(new Reference(Integer.parseInt(cells[0]), Integer.parseInt(cells[1]),
                        Integer.parseInt(cells[2]), Double.parseDouble(cells[3]), x));
            }
        }
        return out;
    }

    @Test
    void matchesCocosRegressionDataForEveryFunction() throws IOException {
        List<Reference> references = references();
        Map<String, BbobFunction> problems = new HashMap<>();
        Set<String> covered = new HashSet<>();
        double[] worst = new double[BbobFunction.FUNCTIONS + 1];
        for (Reference r : references) {
            BbobFunction f = problems.computeIfAbsent(BbobFunction.name(r.function(), r.dimension(), r.instance()),
                    name -> new BbobFunction(r.function(), r.dimension(), r.instance()));
            double ours = f.valueAt(r.x());
            double error = Math.abs(ours - r.value()) / Math.max(1, Math.abs(r.value()));
            worst[r.function()] = Math.max(worst[r.function()], error);
            assertThat(error).as("%s at %s: ours %s, COCO's %s", f.name(), Arrays.toString(r.x()), ours, r.value())
                    .isLessThanOrEqualTo(TOLERANCE);
            covered.add(f.name());
        }
        // Every function of the suite, in each of its dimensions, in instance 1 and in other instances.
        for (BbobFunction f : BbobSuite.functions()) {
            assertThat(covered).as("COCO reference points for " + f.name()).contains(f.name());
            assertThat(covered).contains(BbobFunction.name(f.function(), f.dimension(), 2),
                    BbobFunction.name(f.function(), f.dimension(), 51));
        }
        assertThat(references).hasSizeGreaterThan(900);
    }

    @Test
    void instancesAreCocos() {
        // BBOB 2009's published optima of instance 1, and the first coordinate of f1's xopt.
        assertThat(new BbobFunction(1, 2, 1).optimum()).isEqualTo(79.48);
        assertThat(new BbobFunction(20, 10, 1).optimum()).isEqualTo(-546.5);
        assertThat(new BbobFunction(15, 5, 1).optimum()).isEqualTo(1000.0);
        assertThat(new BbobFunction(22, 5, 1).optimum()).isEqualTo(-1000.0);
        // f4 and f18 share f3's and f17's draws.
        assertThat(new BbobFunction(4, 5, 3).optimum()).isEqualTo(new BbobFunction(3, 5, 3).optimum());
        assertThat(new BbobFunction(18, 5, 3).optimum()).isEqualTo(new BbobFunction(17, 5, 3).optimum());
        assertThat(new BbobFunction(1, 5, 2).optimum()).isNotEqualTo(new BbobFunction(1, 5, 1).optimum());
    }

    @Test
    void everyFunctionReachesItsOptimumAtItsArgminInsideTheBox() {
        for (int d : List.of(2, 3, 5, 10, 20, 40)) {
            for (int function = 1; function <= BbobFunction.FUNCTIONS; function++) {
                for (int instance : List.of(1, 7, 52)) {
                    BbobFunction f = new BbobFunction(function, d, instance);
                    assertThat(f.evaluate(f.argmin())).as(f.name()).isCloseTo(f.optimum(), within(1e-9));
                    assertThat(f.argmin().values()).as(f.name())
                            .allSatisfy(v -> assertThat((Double) v).isBetween(-5.0, 5.0));
                }
            }
        }
    }

    @Test
    void linearSlopeIsFlatBeyondItsCorner() {
        BbobFunction f = new BbobFunction(5, 5, 1);
        double[] corner = f.argmin().values().stream().mapToDouble(v -> (Double) v).toArray();
        double[] beyond = corner.clone();
        for (int i = 0; i < beyond.length; i++) {
            beyond[i] *= 1.5;
        }
        assertThat(Arrays.stream(corner).map(Math::abs)).containsOnly(5.0);
        assertThat(f.valueAt(beyond)).isEqualTo(f.optimum());
    }

    @Test
    void namesAndDescriptionsSayWhichProblemItIs() {
        BbobFunction f = new BbobFunction(15, 5, 1);
        assertThat(f.name()).isEqualTo("bbob-f15-d5");
        assertThat(new BbobFunction(1, 10, 1).name()).isEqualTo("bbob-f01-d10");
        assertThat(new BbobFunction(1, 10, 3).name()).isEqualTo("bbob-f01-d10-i3");
        assertThat(f.description()).isEqualTo(
                "BBOB f15 Rastrigin (rotated), 5-D, COCO instance 1; [-5, 5]^5; minimum fopt = 1000.0 at xopt");
        assertThat(f.space().parameters()).containsOnlyKeys("x01", "x02", "x03", "x04", "x05");
        assertThat(f.argmin()).containsOnlyKeys("x01", "x02", "x03", "x04", "x05");
    }

    @Test
    void suiteIsRegisteredInCocosOrderAfterTheClassicFunctions() {
        List<String> suite = BbobSuite.functions().stream().map(BbobFunction::name).toList();
        assertThat(suite).hasSize(72).startsWith("bbob-f01-d2", "bbob-f02-d2").endsWith("bbob-f24-d10");
        assertThat(TestFunctions.names()).startsWith("branin", "hartmann6", "rosenbrock10", "mixed")
                .containsSubsequence(suite);
        assertThat(TestFunctions.byName("bbob-f21-d10")).isInstanceOf(BbobFunction.class);
    }

    @Test
    void refusesWhatCocoDoesNotDefine() {
        assertThatThrownBy(() -> new BbobFunction(25, 2, 1)).hasMessageContaining("1 to 24");
        assertThatThrownBy(() -> new BbobFunction(1, 1, 1)).hasMessageContaining("2 to 40");
        assertThatThrownBy(() -> new BbobFunction(1, 41, 1)).hasMessageContaining("2 to 40");
        assertThatThrownBy(() -> new BbobFunction(1, 2, 0)).hasMessageContaining("start at 1");
        assertThatThrownBy(() -> new BbobFunction(1, 2, 1).valueAt(new double[3])).hasMessageContaining("takes 2");
    }
}
