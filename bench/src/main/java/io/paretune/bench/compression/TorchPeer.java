package io.paretune.bench.compression;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.paretune.bench.trainer.TorchBlas;
import io.paretune.contract.messaging.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Goal 6's peer: {@code bench/pytorch_prune.py} run on the unstructured campaign's network and schedule, read from
 * its spec (hidden layers, units, learning rate, batch size, epochs, fine-tuning epochs, training slice and
 * validation fraction, and the sparsities of its magnitude grid points). PyTorch computes on the OpenBLAS that DL4J
 * ships when Debian's libblas is the reference one (as the trainer benchmark does): accuracy does not depend on it,
 * the wall time does.
 */
final class TorchPeer {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    /** The script's seed for the first run; run {@code i} uses this plus {@code i}. */
    static final long FIRST_SEED = 42;

    private final String python;

    TorchPeer(String python) {
        this.python = python;
    }

    /** The script's arguments for a spec and a seed: what it trains and prunes. */
    static List<String> arguments(JsonNode spec, long seed) {
        JsonNode space = spec.path("searchSpace");
        int epochs = spec.path("budget").path("maxEpochsPerTrial").asInt();
        List<String> args = new ArrayList<>(List.of(
                "--hidden-layers", fixed(space, "hiddenLayers", "2"),
                "--units", fixed(space, "units", "128"),
                "--learning-rate", fixed(space, "learningRate", "0.001"),
                "--batch-size", fixed(space, "batchSize", "128"),
                "--epochs", String.valueOf(epochs),
                "--fine-tune-epochs", fixed(space, "fineTuneEpochs", "0"),
                "--validation-fraction", spec.path("dataset").path("validationFraction").asText("0.1"),
                "--train-limit", spec.path("dataset").path("trainLimit").asText("0"),
                "--sparsities", String.join(",", sparsities(spec).stream().map(String::valueOf).toList()),
                "--seed", String.valueOf(seed)));
        return args;
    }

    /** The target sparsities of the spec's magnitude grid points, ascending. */
    static TreeSet<Double> sparsities(JsonNode spec) {
        TreeSet<Double> out = new TreeSet<>();
        for (JsonNode point : spec.path("strategy").path("options").path("points")) {
            if (point.path("pruning").asText().equals("magnitude") && point.has("targetSparsity")) {
                out.add(point.get("targetSparsity").asDouble());
            }
        }
        return out;
    }

    /** A value fixed in the search space, plain or as {@code {"type": "fixed", "value": ...}}. */
    private static String fixed(JsonNode space, String name, String otherwise) {
        JsonNode v = space.get(name);
        if (v == null) {
            return otherwise;
        }
        if (v.isObject()) {
            if (!v.path("type").asText().equals("fixed")) {
                throw new IllegalArgumentException("the peer needs searchSpace." + name + " fixed, not searched");
            }
            v = v.get("value");
        }
        return v.asText();
    }

    /** Runs the script; its JSON record, with {@code command} and the BLAS it ran on added. */
    Map<String, Object> run(JsonNode spec, long seed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, Path.of("bench", "pytorch_prune.py").toString()));
        command.addAll(arguments(spec, seed));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        TorchBlas.library("auto").ifPresent(blas -> builder.environment().put("LD_PRELOAD", blas.toString()));
        Process process = builder.start();
        String stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int exit = process.waitFor();
        Map<String, Object> record = new LinkedHashMap<>();
        if (exit != 0 || stdout.isEmpty()) {
            record.put("error", "exit status " + exit + " (see stderr)");
        } else {
            // The record is the last line: anything a library printed before it is not ours.
            record.putAll(Json.mapper().readValue(stdout.substring(stdout.lastIndexOf('\n') + 1), RECORD));
        }
        record.put("command", String.join(" ", command));
        record.put("LD_PRELOAD", builder.environment().getOrDefault("LD_PRELOAD", "unset"));
        return record;
    }

    /** Test accuracy by sparsity (0: dense) from a record of {@link #run}; empty when it failed. */
    @SuppressWarnings("unchecked")
    static Map<Double, Double> accuracyBySparsity(Map<String, Object> record) {
        Map<Double, Double> out = new TreeMap<>();
        if (record.get("results") instanceof List<?> results) {
            for (Object r : results) {
                Map<String, Object> row = (Map<String, Object>) r;
                out.put(((Number) row.get("sparsity")).doubleValue(), ((Number) row.get("test_accuracy")).doubleValue());
            }
        }
        return out;
    }
}
