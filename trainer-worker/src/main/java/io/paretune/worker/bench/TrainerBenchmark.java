package io.paretune.worker.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.paretune.contract.messaging.Json;
import io.paretune.ml.backend.NativeBuild;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code ./paretune bench trainer}: the reference MLP (784-256-128-10 ReLU) and the reference CNN (83,466
 * parameters), Adam 1e-3, batch 128, on full epochs of the default split's 54,000 training images, each trained by
 * plain DL4J ({@code dl4j-raw}), by the worker's own loop ({@code worker}) and by PyTorch ({@code pytorch},
 * {@code bench/pytorch_trainer.py}): samples/s, seconds per epoch, peak RSS, batch-1 latency (median, p95),
 * batch-256 throughput, and the ratios of each DL4J engine to PyTorch. Prints one JSON object on stdout; progress
 * goes to stderr. Each run is a process of its own ({@link BenchmarkSuite}); with {@code --engine} and
 * {@code --model} this class is that process ({@link EngineRun}) and prints one record.
 *
 * <pre>
 * ./paretune bench trainer --models cnn --limit 2000          # a smoke run: the first 2,000 images
 * java -cp trainer-worker/target/classes:$(cat trainer-worker/target/classpath.txt) \
 *     io.paretune.worker.bench.TrainerBenchmark --models mlp --engines dl4j-raw,worker --epochs 2 --rounds 2
 * </pre>
 * Run from the repository root (the PyTorch script is found at {@code bench/pytorch_trainer.py}).
 */
public final class TrainerBenchmark {

    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream json = System.out;
        System.setOut(System.err); // libraries that print must not spoil the JSON
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        Map<String, Object> out;
        if (options.isChild()) {
            if (options.model() == null || options.engine().equals("pytorch")) {
                System.err.println("--engine dl4j-raw|worker needs --model (pytorch runs bench/pytorch_trainer.py)");
                System.exit(2);
            }
            NativeBuild.apply(); // the build the worker would load, before anything touches ND4J
            out = EngineRun.run(options);
            json.println(Json.writeString(out)); // one line: the suite reads the last line
        } else {
            out = new BenchmarkSuite(options).run();
            json.println(Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        }
        json.flush();
        System.exit(0); // ND4J leaves non-daemon threads behind
    }
}
