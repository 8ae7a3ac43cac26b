package io.paretune.bench.trainer;

import com.fasterxml.jackson.core.type.TypeReference;
import io.paretune.bench.BenchCli;
import io.paretune.bench.MachineFacts;
import io.paretune.bench.Stats;
import io.paretune.contract.messaging.Json;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every model × engine pair, each in a process of its own with its own thread settings
 * ({@link ThreadSettings}), and merges their records into one JSON object with machine facts and ratios to PyTorch.
 * DL4J engines run {@code paretune bench trainer --engine} with the worker's JVM options; PyTorch runs {@code bench/pytorch_trainer.py} on the
 * same training images (their indices written to a temporary file). All engines train on the default split's
 * 54,000 training images (or the first {@code --limit} of them); test accuracy is on the 10,000 test images.
 */
final class BenchmarkSuite {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    /** The trainer's goals against PyTorch, checked in the output. */
    private static final double MLP_SPEED_GOAL = 0.8;
    private static final double CNN_SPEED_GOAL = 0.5;
    private static final double CNN_RSS_GOAL_MB = 2048;
    private static final double CNN_LATENCY_GOAL_MS = 1.0;

    private final TrainerSettings options;

    BenchmarkSuite(TrainerSettings options) {
        this.options = options;
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "trainer");
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", MachineFacts.cpuModel());
        machine.put("cpu_flags", MachineFacts.cpuFlags("avx", "avx2", "fma", "avx512f", "avx512_vnni"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        machine.put("dl4j", MachineFacts.dl4jVersion());
        machine.put("date", Instant.now().toString());
        machine.put("load_average_at_start", MachineFacts.loadAverage());
        out.put("machine", machine);

        FashionMnist data = FashionMnist.load(options.datasetDir());
        int[] train = DataSplit.of(data.trainCount(), EngineRun.datasetSpec(options.limit())).train();
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("models", Map.of(
                "mlp", "MLP 784-256-128-10 ReLU, softmax, cross-entropy (235,146 parameters)",
                "cnn", "CNN conv 5x5x32 same -> max-pool 2 -> conv 5x5x64 same -> max-pool 2 -> softmax 10 (83,466 parameters)"));
        setup.put("optimizer", "adam");
        setup.put("learning_rate", EngineRun.LEARNING_RATE);
        setup.put("batch_size", EngineRun.BATCH);
        setup.put("epochs", options.epochs());
        setup.put("train_images", train.length);
        setup.put("train_images_note", options.limit() > 0 ? "--limit: the first " + options.limit()
                + " images of the default split's training part (smoke run, not a full epoch)"
                : "the default split's 54,000 training images (60,000 minus 10 % validation, split seed 42), "
                + "the same images for every engine");
        setup.put("rounds", options.rounds());
        setup.put("process_per_run", "every model x engine run is a process of its own: peak RSS (VmHWM) is its own");
        setup.put("dl4j_jvm_options", options.dl4jJvmOptions());
        setup.put("dl4j_threads", options.dl4jThreads());
        setup.put("torch_threads", options.torchThreads());
        setup.put("dl4j_settings_note", "the DL4J engines run with the worker's own JVM options and OpenMP threads "
                + "(trainer-worker launch.properties) unless --dl4j-jvm-options / --dl4j-threads say otherwise");
        out.put("setup", setup);

        Path indices = Files.createTempFile("paretune-bench-train-", ".i32");
        List<Map<String, Object>> records = new ArrayList<>();
        try {
            writeIndices(indices, train);
            for (int round = 1; round <= options.rounds(); round++) {
                for (String model : options.models()) {
                    List<String> engines = new ArrayList<>(options.engines());
                    if (round % 2 == 0) {
                        java.util.Collections.reverse(engines); // who runs first is not always the same
                    }
                    for (String engine : engines) {
                        System.err.println("round " + round + ": " + model + " / " + engine + " ...");
                        Map<String, Object> record = runChild(model, engine, indices);
                        record.put("round", round);
                        records.add(record);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(indices);
        }
        List<String> warnings = records.stream().map(r -> r.get("warning")).filter(w -> w != null)
                .map(Object::toString).distinct().toList();
        if (!warnings.isEmpty()) {
            out.put("warnings", warnings); // e.g. PyTorch on the reference BLAS: its ratios are not a fair comparison
        }
        out.put("records", records);
        out.put("ratios_to_pytorch", ratios(records));
        machine.put("load_average_at_end", MachineFacts.loadAverage());
        machine.put("date_end", Instant.now().toString());
        return out;
    }

    private Map<String, Object> runChild(String model, String engine, Path indices)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (engine.equals("pytorch")) {
            command.addAll(List.of(options.python(), Path.of("bench", "pytorch_trainer.py").toString(),
                    "--threads", String.valueOf(options.torchThreads().get(model)),
                    "--train-indices", indices.toString()));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options.dl4jJvmOptions());
            String serialFilter = System.getProperty("jdk.serialFilter"); // the engines run under the bench's own
            if (serialFilter != null) {
                command.add("-Djdk.serialFilter=" + serialFilter);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCli.class.getName(),
                    "trainer", "--engine", engine));
        }
        command.addAll(options.childArgs(model));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(ThreadSettings.environment(engine, model, options));
        Process process = builder.start();
        String stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("model", model);
            failed.put("engine", engine);
            failed.put("error", "exit status " + exit + " (see stderr); command: " + String.join(" ", command));
            return failed;
        }
        String json = stdout.strip();
        // The record is the last line: anything a library printed before it is not ours.
        return Json.mapper().readValue(json.substring(json.lastIndexOf('\n') + 1), RECORD);
    }

    /** Little-endian int32, as {@code numpy.fromfile(path, dtype="<i4")} reads it. */
    private static void writeIndices(Path file, int[] indices) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(indices.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(indices);
        Files.write(file, buffer.array());
    }

    /**
     * Per model and DL4J engine, against PyTorch (best round of each): samples/s ratio (above 1: DL4J faster),
     * latency ratio (above 1: DL4J slower), batch-256 throughput ratio, and the goals.
     */
    private static List<Map<String, Object>> ratios(List<Map<String, Object>> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String model : TrainerSettings.MODELS) {
            Optional<Map<String, Object>> torch = best(records, model, "pytorch");
            if (torch.isEmpty()) {
                continue;
            }
            for (String engine : List.of("dl4j-raw", "worker")) {
                Optional<Map<String, Object>> dl4j = best(records, model, engine);
                if (dl4j.isEmpty()) {
                    continue;
                }
                double speed = number(dl4j.get(), "samples_per_second_best") / number(torch.get(), "samples_per_second_best");
                double latency = inference(dl4j.get(), "batch1_latency_ms_median")
                        / inference(torch.get(), "batch1_latency_ms_median");
                double throughput = inference(dl4j.get(), "batch256_samples_per_second")
                        / inference(torch.get(), "batch256_samples_per_second");
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model", model);
                r.put("engine", engine);
                r.put("samples_per_second_ratio", Stats.round(speed, 3));
                r.put("batch1_latency_ratio", Stats.round(latency, 2));
                r.put("batch256_throughput_ratio", Stats.round(throughput, 3));
                r.put("peak_rss_mb", dl4j.get().get("peak_rss_mb"));
                Map<String, Object> goals = new LinkedHashMap<>();
                if (model.equals("mlp")) {
                    goals.put("samples_per_second_ratio_at_least_0.8", speed >= MLP_SPEED_GOAL);
                } else {
                    goals.put("samples_per_second_ratio_at_least_0.5", speed >= CNN_SPEED_GOAL);
                    goals.put("peak_rss_under_2_gb", number(dl4j.get(), "peak_rss_mb") < CNN_RSS_GOAL_MB);
                    goals.put("batch1_latency_under_1_ms",
                            inference(dl4j.get(), "batch1_latency_ms_median") < CNN_LATENCY_GOAL_MS);
                }
                r.put("goals_met", goals);
                out.add(r);
            }
        }
        return out;
    }

    private static Optional<Map<String, Object>> best(List<Map<String, Object>> records, String model, String engine) {
        return records.stream()
                .filter(r -> model.equals(r.get("model")) && engine.equals(r.get("engine")) && !r.containsKey("error"))
                .max(Comparator.comparingDouble(r -> number(r, "samples_per_second_best")));
    }

    private static double number(Map<String, Object> record, String key) {
        return ((Number) record.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static double inference(Map<String, Object> record, String key) {
        return number((Map<String, Object>) record.get("inference"), key);
    }
}
