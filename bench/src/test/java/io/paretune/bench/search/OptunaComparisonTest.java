package io.paretune.bench.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.paretune.bench.search.functions.TestFunctions;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Merging bench/optuna_search.py's results, and the Python definitions agreeing with the Java ones. */
class OptunaComparisonTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    /** Optuna's side as the script writes it, built from this side's own results (so every verdict is a tie). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> optunaFrom(Map<String, Object> paretune, int trials, int seeds) {
        Map<String, Object> functions = new LinkedHashMap<>();
        Map<String, Object> probes = new LinkedHashMap<>();
        ((Map<String, Object>) paretune.get("functions")).forEach((name, entry) -> {
            Map<String, Object> results = (Map<String, Object>) ((Map<String, Object>) entry).get("results");
            functions.put(name, Map.of("tpe", results.get("paretune:random"), "random", results.get("paretune:random")));
            probes.put(name, TestFunctions.probes(TestFunctions.byName(name)));
        });
        // Through JSON, as the file is read: numbers come back as Double/Integer.
        return Json.mapper().convertValue(Map.of(
                "implementation", "optuna",
                "versions", Map.of("optuna", "3.1.0", "python", "3.11.2", "numpy", "1.24.2"),
                "settings", Map.of("trials", trials, "seeds", seeds),
                "functions", functions,
                "probes", probes,
                "overhead", Map.of("tpe", Map.of("100", Map.of("median_ms", 12.0, "p95_ms", 15.0, "mean_ms", 12.5, "asks", 3))),
                "notes", List.of("a note"),
                "wall_seconds", 1.5), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergesOptunaBesideParetuneAndSumsUp() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "12", "--seeds", "3", "--samplers", "random",
                "--functions", "branin,mixed", "--no-overhead");
        Map<String, Object> ours = SearchBenchmark.run(settings, QUIET);
        Path file = Files.createTempFile("optuna", ".json");
        try {
            Json.mapper().writeValue(file.toFile(), optunaFrom(ours, 12, 3));
            BenchSettings merged = settings.withOptuna(List.of(file), null);
            Map<String, Object> out = SearchBenchmark.run(merged, QUIET);

            assertThat((Map<String, Object>) out.get("versions")).containsEntry("optuna", "3.1.0");
            Map<String, Object> branin = (Map<String, Object>) ((Map<String, Object>) out.get("functions")).get("branin");
            assertThat((Map<String, Object>) branin.get("results")).containsOnlyKeys("paretune:random", "optuna:random", "optuna:tpe");
            assertThat(branin).containsEntry("definitions_match", true);
            assertThat((Map<String, Object>) out.get("overhead")).containsKey("optuna:tpe");
            assertThat((List<String>) out.get("notes")).contains("optuna: a note");

            Map<String, Object> summary = (Map<String, Object>) out.get("summary");
            List<Map<String, Object>> comparisons = (List<Map<String, Object>>) summary.get("comparisons");
            // The fake Optuna side is this side's random search: equal seed by seed, a tie at every trial count.
            assertThat(comparisons).hasSize(2).allSatisfy(c -> {
                assertThat(c).containsEntry("sampler", "paretune:random").containsEntry("against", "optuna:random")
                        .containsEntry("set", "tuning");
                Map<String, Map<String, Object>> at = (Map<String, Map<String, Object>>) c.get("at");
                assertThat(at).containsOnlyKeys("10", "12");
                assertThat(at.get("12")).containsEntry("verdict", "tie").containsEntry("ratio", 1.0)
                        .containsEntry("p_paretune_lower", 0.5).containsEntry("wilcoxon_p", 1.0);
                assertThat(at.get("12").get("median")).isEqualTo(at.get("12").get("opponent_median"));
            });
            assertThat((Map<String, Object>) summary.get("by_set")).containsOnlyKeys("tuning", "held-out");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void severalFilesMergeAndOnlyFunctionsNoneHadAreNoted() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "10", "--seeds", "2", "--samplers", "random",
                "--functions", "branin,mixed,hartmann6", "--no-overhead");
        Map<String, Object> ours = SearchBenchmark.run(settings, QUIET);
        List<Path> files = new java.util.ArrayList<>();
        try {
            for (String only : List.of("branin", "mixed")) {
                Map<String, Object> optuna = optunaFrom(ours, 10, 2);
                ((Map<String, Object>) optuna.get("functions")).keySet().retainAll(List.of(only));
                ((Map<String, Object>) optuna.get("probes")).keySet().retainAll(List.of(only));
                Path file = Files.createTempFile("optuna-" + only, ".json");
                Json.mapper().writeValue(file.toFile(), optuna);
                files.add(file);
            }
            Map<String, Object> out = SearchBenchmark.run(settings.withOptuna(files, null), QUIET);
            Map<String, Map<String, Object>> functions = (Map<String, Map<String, Object>>) out.get("functions");
            assertThat((Map<String, Object>) functions.get("branin").get("results")).containsKey("optuna:random");
            assertThat((Map<String, Object>) functions.get("mixed").get("results")).containsKey("optuna:random");
            assertThat((List<String>) out.get("notes")).filteredOn(n -> n.startsWith("Optuna did not run"))
                    .containsExactly("Optuna did not run hartmann6");
        } finally {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void differentFunctionDefinitionsVoidTheComparison() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "10", "--seeds", "2", "--samplers", "random",
                "--functions", "mixed", "--no-overhead");
        Map<String, Object> out = SearchBenchmark.run(settings, QUIET);
        Map<String, Object> optuna = optunaFrom(out, 10, 2);
        ((Map<String, Object>) ((Map<String, Object>) optuna.get("probes")).get("mixed")).put("mid", 1.0);
        OptunaComparison.merge(out, optuna, settings);
        Map<String, Object> summary = SuiteSummary.of((Map<String, Object>) out.get("functions"), settings);
        assertThat((List<Map<String, Object>>) summary.get("comparisons")).isEmpty();
        assertThat((List<String>) out.get("notes")).anyMatch(n -> n.startsWith("DEFINITIONS DIFFER: mixed"));
    }

    @Test
    void refusesResultsOfOtherSettings() throws Exception {
        BenchSettings settings = SearchCommand.settings("--trials", "10", "--seeds", "2", "--samplers", "random",
                "--functions", "branin", "--no-overhead");
        Map<String, Object> out = SearchBenchmark.run(settings, QUIET);
        Map<String, Object> optuna = optunaFrom(out, 10, 5);
        assertThatThrownBy(() -> OptunaComparison.merge(out, optuna, settings)).hasMessageContaining("10 trials x 5 seeds");

        // Results without seed_offset ran from seed 0: they do not fit a run from seed 20.
        BenchSettings shifted = SearchCommand.settings("--trials", "10", "--seeds", "2", "--seed-offset", "20",
                "--samplers", "random", "--functions", "branin", "--no-overhead");
        Map<String, Object> shiftedOut = SearchBenchmark.run(shifted, QUIET);
        assertThatThrownBy(() -> OptunaComparison.merge(shiftedOut, optunaFrom(shiftedOut, 10, 2), shifted))
                .hasMessageContaining("from seed 0").hasMessageContaining("--seed-offset");
    }

    /** The Python definitions agree with the Java ones (needs Debian's Python with Optuna; skipped elsewhere). */
    @Test
    void pythonFunctionsMatchTheJavaOnes() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path script = Path.of("..", "bench", "optuna_search.py");
        assumeThat(Files.isExecutable(python) && Files.exists(script)).isTrue();
        Process check = new ProcessBuilder(python.toString(), "-c", "import optuna").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assumeThat(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0).as("optuna importable").isTrue();

        Process probes = new ProcessBuilder(python.toString(), script.toString(), "--probes").start();
        byte[] stdout = probes.getInputStream().readAllBytes();
        assertThat(probes.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probes.exitValue()).as(new String(probes.getErrorStream().readAllBytes())).isZero();
        Map<String, Map<String, Object>> theirs = Json.mapper().readValue(stdout, new TypeReference<>() { });
        assertThat(theirs.keySet()).containsExactlyElementsOf(TestFunctions.names());
        for (String name : TestFunctions.names()) {
            assertThat(OptunaComparison.probesMatch(TestFunctions.probes(TestFunctions.byName(name)), theirs.get(name)))
                    .as(name + ": " + theirs.get(name) + " vs " + TestFunctions.probes(TestFunctions.byName(name)))
                    .isTrue();
        }
    }
}
