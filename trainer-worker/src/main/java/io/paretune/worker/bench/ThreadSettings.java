package io.paretune.worker.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thread settings of each engine and model: the one place the benchmark sets them, each engine at its fastest
 * setting measured on this 2-core machine (../shared/STACK.md), overridable with {@code --dl4j-threads} and
 * {@code --torch-threads}. Every record carries the settings it ran with.
 * <ul>
 *   <li>DL4J: {@code OMP_NUM_THREADS} before the JVM starts. MLP 1 (22–27k samples/s against 13–16k with 2),
 *       CNN 2 (225 samples/s against 156 with 1).</li>
 *   <li>PyTorch: {@code torch.set_num_threads}; MLP 1 thread (~121k samples/s), CNN 2 threads with
 *       {@code OMP_WAIT_POLICY=PASSIVE} (2 active-waiting libgomp threads fight OpenBLAS's on 2 cores).</li>
 * </ul>
 */
final class ThreadSettings {

    static final Map<String, Integer> DL4J_THREADS = Map.of("mlp", 1, "cnn", 2);
    static final Map<String, Integer> TORCH_THREADS = Map.of("mlp", 1, "cnn", 2);

    private ThreadSettings() {
    }

    /** The environment of a child process for {@code engine} and {@code model}. */
    static Map<String, String> environment(String engine, String model, BenchOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        if (engine.equals("pytorch")) {
            int threads = options.torchThreads().get(model);
            if (threads > 1) {
                env.put("OMP_WAIT_POLICY", "PASSIVE");
            }
            TorchBlas.library(options.torchBlas()).ifPresent(blas -> {
                env.put("LD_PRELOAD", blas.toString());
                // OpenBLAS's own threads would fight torch's OpenMP threads for the 2 cores.
                env.put("OPENBLAS_NUM_THREADS", "1");
            });
        } else {
            env.put("OMP_NUM_THREADS", String.valueOf(options.dl4jThreads().get(model)));
        }
        return env;
    }
}
