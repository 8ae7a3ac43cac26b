package io.paretune.worker;

import io.paretune.ml.backend.NativeBuild;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The worker's entry point: chooses the ND4J native build for this CPU ({@link NativeBuild}) before Quarkus starts,
 * since JavaCPP reads the choice once, when ND4J first loads, and nothing may load ND4J earlier.
 */
@QuarkusMain
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String... args) {
        NativeBuild.apply();
        Quarkus.run(args);
    }
}
