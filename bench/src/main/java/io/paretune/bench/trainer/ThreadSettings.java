package io.paretune.bench.trainer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of each engine's process: the one place the benchmark sets threads, overridable with
 * {@code --dl4j-threads} and {@code --torch-threads}. Every record carries the settings it ran with.
 * <ul>
 *   <li>DL4J: {@code OMP_NUM_THREADS} before the JVM starts, the worker's own by default (1: the MLP's fastest here,
 *       22–27k samples/s against 13–16k with 2; the CNN trained faster with 2, 225 samples/s against 156, but a
 *       worker runs it with 1 unless its operator says otherwise, and so does the benchmark).</li>
 *   <li>PyTorch at its fastest here: {@code torch.set_num_threads}; MLP 1 thread (~121k samples/s), CNN 2 threads
 *       with {@code OMP_WAIT_POLICY=PASSIVE} (2 active-waiting libgomp threads fight OpenBLAS's on 2 cores).</li>
 * </ul>
 */
final class ThreadSettings {

    private ThreadSettings() {
    }

    /** The environment of a child process for {@code engine} and {@code model}. */
    static Map<String, String> environment(String engine, String model, TrainerSettings options) {
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
