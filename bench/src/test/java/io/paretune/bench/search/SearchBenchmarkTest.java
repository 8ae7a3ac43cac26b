package io.paretune.bench.search;

import io.paretune.bench.search.functions.TestFunction;
import io.paretune.bench.search.functions.TestFunctions;
import io.paretune.controller.search.RandomSampler;
import io.paretune.controller.search.SamplerRegistry;
import io.paretune.controller.search.tpe.TpeSampler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search benchmark's harness with tiny settings: well-formed results, never its timings. */
class SearchBenchmarkTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void regretCurveIsNonNegativeNonIncreasingAndReproducible() {
        for (String name : TestFunctions.names()) {
            TestFunction f = TestFunctions.byName(name);
            double[] curve = RegretCurves.run(new RandomSampler(), Map.of(), f, 5, 40);
            assertThat(curve).hasSize(40);
            for (int i = 0; i < curve.length; i++) {
                assertThat(curve[i]).as(name + " trial " + i).isGreaterThanOrEqualTo(0);
                // With noise the incumbent is the best observed trial, whose true value may be worse than an earlier one's.
                if (i > 0 && f.noiseSd() == 0) {
                    assertThat(curve[i]).as(name + " trial " + i).isLessThanOrEqualTo(curve[i - 1]);
                }
            }
            assertThat(RegretCurves.run(new RandomSampler(), Map.of(), f, 5, 40)).isEqualTo(curve);
            assertThat(RegretCurves.run(new RandomSampler(), Map.of(), f, 6, 40)).isNotEqualTo(curve);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tinyRunHasEveryTableWithWellFormedFigures() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "12", "--seeds", "3", "--samplers", "random",
                "--functions", "branin,hartmann6,rosenbrock10,mixed",
                "--overhead-history", "40,20", "--overhead-asks", "3", "--overhead-warmup", "2");
        Map<String, Object> out = SearchBenchmark.run(settings, QUIET);

        assertThat(out).containsKeys("benchmark", "date", "machine", "versions", "settings", "functions", "overhead",
                "notes", "summary", "wall_seconds");
        assertThat((Map<String, Object>) out.get("versions")).containsKeys("java", "paretune", "optuna");
        Map<String, Object> functions = (Map<String, Object>) out.get("functions");
        assertThat(functions.keySet()).containsExactly("branin", "hartmann6", "rosenbrock10", "mixed");
        for (Object entry : functions.values()) {
            Map<String, Object> function = (Map<String, Object>) entry;
            assertThat(function).containsKeys("description", "dimensions", "optimum", "argmin", "results");
            Map<String, Object> results = (Map<String, Object>) function.get("results");
            assertThat(results).containsOnlyKeys("paretune:random");
            Map<String, Object> random = (Map<String, Object>) results.get("paretune:random");
            Map<String, Map<String, Double>> regret = (Map<String, Map<String, Double>>) random.get("regret");
            assertThat(regret).containsOnlyKeys("10", "12");
            assertThat(regret.keySet()).containsExactly("10", "12");
            double previousMedian = Double.POSITIVE_INFINITY;
            for (Map<String, Double> row : regret.values()) {
                assertThat(row).containsOnlyKeys("median", "p25", "p75");
                assertThat(row.get("p25")).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(row.get("median"));
                assertThat(row.get("median")).isLessThanOrEqualTo(row.get("p75"));
                // Every seed's best-so-far only goes down, so its median does too.
                assertThat(row.get("median")).isLessThanOrEqualTo(previousMedian);
                previousMedian = row.get("median");
            }
            assertThat((Map<String, List<Double>>) random.get("by_seed")).containsOnlyKeys("10", "12");
            assertThat(((Map<String, List<Double>>) random.get("by_seed")).get("12")).hasSize(3);
        }
        Map<String, Map<String, Map<String, Object>>> overhead = (Map<String, Map<String, Map<String, Object>>>) out.get("overhead");
        assertThat(overhead).containsOnlyKeys("paretune:random");
        assertThat(overhead.get("paretune:random").keySet()).containsExactly("20", "40");
        for (Map<String, Object> row : overhead.get("paretune:random").values()) {
            assertThat(row).containsOnlyKeys("median_ms", "p95_ms", "mean_ms", "asks");
            assertThat((Double) row.get("median_ms")).isGreaterThan(0).isLessThanOrEqualTo((Double) row.get("p95_ms"));
            assertThat(row.get("asks")).isEqualTo(3);
        }
        assertThat((List<String>) out.get("notes")).anyMatch(n -> n.startsWith("no Optuna results"));
        assertThat((Map<String, Object>) out.get("summary")).containsEntry("compared_at_trials", 12)
                .containsEntry("comparisons", List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tpeIsFoundByNameWithItsOptions() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "15", "--seeds", "2", "--functions", "mixed",
                "--samplers", "tpe,tpe-as-optuna", "--overhead-history", "30", "--overhead-asks", "2",
                "--overhead-warmup", "1");
        Map<String, Object> out = SearchBenchmark.run(settings, QUIET);
        Map<String, Object> mixed = (Map<String, Object>) ((Map<String, Object>) out.get("functions")).get("mixed");
        assertThat((Map<String, Object>) mixed.get("results")).containsOnlyKeys("paretune:tpe", "paretune:tpe-as-optuna");
        assertThat((Map<String, Object>) out.get("overhead")).containsOnlyKeys("paretune:tpe", "paretune:tpe-as-optuna");
        Map<String, Object> samplers = (Map<String, Object>) ((Map<String, Object>) out.get("settings")).get("samplers");
        assertThat(samplers.get("paretune:tpe-as-optuna"))
                .isEqualTo(Map.of("options", Map.of("multivariate", false, "goodWeights", "equal")));
    }

    @Test
    void sameSettingsGiveTheSameRegretTables() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "15", "--seeds", "2", "--functions", "mixed",
                "--samplers", "random", "--no-overhead");
        assertThat(SearchBenchmark.run(settings, QUIET).get("functions"))
                .usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*seconds")
                .isEqualTo(SearchBenchmark.run(settings, QUIET).get("functions"));
    }

    @Test
    void settingsDefaultsQuickModeAndCheckpoints() {
        BenchSettings full = SearchCommand.settings();
        assertThat(full.trials()).isEqualTo(200);
        assertThat(full.seeds()).isEqualTo(20);
        assertThat(full.checkpoints()).containsExactly(10, 25, 50, 100, 200);
        assertThat(full.compareAt()).isEqualTo(100);
        assertThat(full.overheadSizes()).containsExactly(100, 1000, 5000);
        assertThat(full.overheadUntimed()).isEqualTo(3);
        assertThat(SearchCommand.settings("--overhead-untimed", "300").overheadUntimed()).isEqualTo(300);
        assertThat(full.functions()).isEqualTo(TestFunctions.names());
        assertThat(full.samplers()).extracting(SamplerChoice::label).containsExactly("random", "tpe", "tpe-as-optuna",
                "tpe-as-optuna-multivariate");

        BenchSettings quick = SearchCommand.settings("--quick");
        assertThat(quick.trials()).isEqualTo(30);
        assertThat(quick.seeds()).isEqualTo(3);
        assertThat(quick.checkpoints()).containsExactly(10, 25, 30);
        assertThat(quick.compareAt()).isEqualTo(30);

        assertThat(SearchCommand.settings("--seeds", "5", "--quick").seeds()).isEqualTo(5); // options override --quick
        assertThat(SearchCommand.settings("--trials", "150").checkpoints()).containsExactly(10, 25, 50, 100, 150);
        assertThat(SearchCommand.settings("--trials", "7").compareAt()).isEqualTo(7);
        assertThat(full.seedValues()).startsWith(0L, 1L).endsWith(19L);
        assertThat(SearchCommand.settings("--seeds", "3", "--seed-offset", "20").seedValues()).containsExactly(20L, 21L, 22L);
        assertThatThrownBy(() -> SearchCommand.settings("--seed-offset", "-1")).hasMessageContaining("--seed-offset must not be negative");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> SearchCommand.settings("--trails", "5")).hasMessageContaining("--trails");
        assertThatThrownBy(() -> SearchCommand.settings("--trials", "0")).hasMessageContaining("--trials must be at least 1");
        assertThatThrownBy(() -> SearchCommand.settings("--seeds")).hasMessageContaining("--seeds");
        assertThatThrownBy(() -> SearchCommand.settings("--functions", "ackley")).hasMessageContaining("unknown function 'ackley'");
        assertThatThrownBy(() -> SearchCommand.settings("--samplers", "cmaes")).hasMessageContaining("unknown sampler 'cmaes'");
        assertThatThrownBy(() -> SearchCommand.settings("--samplers", "tpe:multivariate")).hasMessageContaining("option=value");
        assertThatThrownBy(() -> SearchCommand.settings("--samplers", "random,random")).hasMessageContaining("twice");
    }

    @Test
    void samplerChoicesCarryTypedOptions() {
        SamplerChoice choice = SamplerChoice.parse("tpe:multivariate=true:nStartupTrials=20:gamma=0.25:goodWeights=equal");
        assertThat(choice.name()).isEqualTo("tpe");
        assertThat(choice.sampler()).isInstanceOf(TpeSampler.class);
        assertThat(choice.options()).containsEntry("multivariate", true).containsEntry("nStartupTrials", 20L)
                .containsEntry("gamma", 0.25).containsEntry("goodWeights", "equal");
        SamplerChoice alias = SamplerChoice.parse("tpe-as-optuna-multivariate");
        assertThat(alias.label()).isEqualTo("tpe-as-optuna-multivariate");
        assertThat(alias.options()).isEqualTo(Map.of("goodWeights", "equal", "bandwidthFactor", 0.2, "magicClipExponent", 1L,
                "optunaShare", 0L));
        assertThat(SamplerChoice.optunaCounterpart("tpe-as-optuna-multivariate")).isEqualTo("tpe-multivariate");
        assertThat(SamplerChoice.optunaCounterpart("tpe")).isEqualTo("tpe");
    }

    @Test
    void samplersAreTheControllersOwnAndRefuseBadOptions() throws Exception {
        assertThat(SamplerChoice.parse("tpe").sampler()).isInstanceOf(new SamplerRegistry().get("tpe").getClass());
        assertThat(SamplerChoice.parse("nsga2:populationSize=4").sampler().name()).isEqualTo("nsga2");
        assertThatThrownBy(() -> SamplerChoice.parse("random:foo=1")).hasMessageContaining("strategy.options.foo");
        assertThatThrownBy(() -> SamplerChoice.parse("io.paretune.NoSuchSampler"))
                .hasMessageContaining("unknown sampler 'io.paretune.NoSuchSampler'")
                .hasMessageContaining("grid, motpe, nsga2, random, tpe");

        BenchSettings noOptuna = SearchCommand.settings("--samplers", "random", "--trials", "3", "--seeds", "1",
                "--no-overhead").withOptuna(List.of(), "not wanted here");
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) SearchBenchmark.run(noOptuna, QUIET).get("notes");
        assertThat(notes).anyMatch(n -> n.contains("not wanted here"));
    }
}
