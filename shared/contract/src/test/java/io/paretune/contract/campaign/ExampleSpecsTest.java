package io.paretune.contract.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.contract.messaging.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every campaign in examples/ and the benchmarks' specs is one the controller accepts with its default worker memory
 * budget: users copy them, the demo and benchmarks submit them.
 */
class ExampleSpecsTest {

    private static final Path EXAMPLES = Path.of("../../examples");
    /** Whole specs; their quick/ variants are patches over them. */
    private static final Path BENCH_SPECS = Path.of("../../bench/specs/compression");
    /** The controller's default paretune.controller.worker-memory-budget-mb. */
    private static final long DEFAULT_WORKER_MEMORY = 1024 * 1_000_000L;
    private static final CampaignSpecParser PARSER =
            new CampaignSpecParser(Set.of("random", "grid", "tpe", "motpe", "nsga2"), DEFAULT_WORKER_MEMORY);

    @Test
    void everyExampleSpecParsesWithoutErrors() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(specs).extracting(p -> p.getFileName().toString())
                .contains("fashion-mnist-compress.json", "fashion-mnist-cnn-compress.json", "fashion-mnist-quick.json");
        for (Path file : specs) {
            JsonNode spec = Json.mapper().readTree(file.toFile());
            assertThat(PARSER.parse(spec).errors()).as(file.toString()).isEmpty();
        }
    }

    @Test
    void everyBenchmarkSpecParsesWithoutErrors() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(BENCH_SPECS)) {
            specs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(specs).isNotEmpty();
        for (Path file : specs) {
            JsonNode spec = Json.mapper().readTree(file.toFile());
            assertThat(PARSER.parse(spec).errors()).as(file.toString()).isEmpty();
        }
    }

    @Test
    void theCompressionExamplesSearchPruningAndPrecision() throws IOException {
        for (String name : List.of("fashion-mnist-compress.json", "fashion-mnist-cnn-compress.json")) {
            CampaignSpec spec = PARSER.parse(Json.mapper().readTree(EXAMPLES.resolve(name).toFile())).spec();
            assertThat(spec.searchSpace().parameters()).as(name).containsKeys("pruning", "targetSparsity", "precision");
            assertThat(spec.selection()).as(name).isNotNull();
        }
    }
}
