package io.paretune.worker.training;

import io.paretune.ml.backend.BackendInfo;

/**
 * The ND4J backend a worker computes on, in words, for results and the status endpoint: speed figures are only
 * comparable between equal backends, builds and thread counts. The details come from {@link BackendInfo}.
 *
 * <pre>{@code
 * String backend = Backend.describe();
 * // "nd4j-native CpuBackend, OMP threads 1, build linux-x86_64-onednn-avx2, OPENBLAS threads 1, Intel(R) Xeon(R) Processor"
 * }</pre>
 */
public final class Backend {

    private Backend() {
    }

    public static String describe() {
        return BackendInfo.current().describe();
    }
}
