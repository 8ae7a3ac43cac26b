package io.paretune.evaluator.scoring;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine speed figures were measured on, written into every score so that latencies from different
 * evaluators are never compared as if they were alike.
 *
 * <pre>{@code
 * Hardware.detect().describe(); // "Intel(R) Xeon(R) ... | 2 logical cores | OMP_NUM_THREADS=1 | ND4J CpuBackend (OPENBLAS)"
 * }</pre>
 */
public record Hardware(String cpuModel, int logicalCores, String ompNumThreads, String backend) {

    public static Hardware detect() {
        return new Hardware(readCpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), detectBackend());
    }

    public String describe() {
        return cpuModel + " | " + logicalCores + " logical cores | OMP_NUM_THREADS=" + ompNumThreads + " | ND4J " + backend;
    }

    /** The first {@code model name} of a cpuinfo file; the architecture where there is none (not Linux, ARM). */
    static String readCpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Fall through: an unknown CPU model is not a reason to refuse scoring.
        }
        return "unknown CPU (" + System.getProperty("os.arch") + ")";
    }

    private static String detectBackend() {
        String name = Nd4j.getBackend().getClass().getSimpleName();
        try {
            return name + " (" + Nd4j.factory().blas().getBlasVendor() + ")";
        } catch (RuntimeException | LinkageError e) {
            return name;
        }
    }
}
