package io.paretune.worker.training;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend a worker computes on, in words, for results and the status endpoint: speed figures are only
 * comparable between equal backends and thread counts.
 *
 * <pre>{@code
 * String backend = Backend.describe(); // "nd4j-native CpuBackend, OMP threads 1"
 * }</pre>
 */
public final class Backend {

    private static volatile String description;

    private Backend() {
    }

    public static String describe() {
        String d = description;
        if (d == null) {
            d = "nd4j-native " + Nd4j.getBackend().getClass().getSimpleName()
                    + ", OMP threads " + Nd4j.getEnvironment().maxThreads();
            description = d;
        }
        return d;
    }
}
