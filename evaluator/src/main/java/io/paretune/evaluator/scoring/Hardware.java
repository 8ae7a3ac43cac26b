package io.paretune.evaluator.scoring;

import io.paretune.ml.backend.BackendInfo;
import io.paretune.ml.backend.CpuInfo;

import java.nio.file.Path;

/**
 * The machine speed figures were measured on, written into every score so that latencies from different
 * evaluators are never compared as if they were alike.
 *
 * <pre>{@code
 * Hardware.detect().describe();
 * // "Intel(R) Xeon(R) Processor | 2 logical cores | OMP_NUM_THREADS=1 | ND4J nd4j-native linux-x86_64-onednn-avx2 (OPENBLAS)"
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
        return CpuInfo.read(cpuinfo).model();
    }

    /** The backend and the native build that really loaded: latencies differ between builds of the same backend. */
    private static String detectBackend() {
        BackendInfo info = BackendInfo.current();
        return info.backend() + " " + info.buildWithHelpers() + " (" + info.blasVendor() + ")";
    }
}
