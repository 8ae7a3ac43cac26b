package io.paretune.evaluator;

import io.paretune.ml.backend.NativeBuild;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The evaluator's entry point: chooses the ND4J native build for this CPU ({@link NativeBuild}) before Quarkus
 * starts, since JavaCPP reads the choice once, when ND4J first loads, and nothing may load ND4J earlier. Latency
 * figures depend on the build, so the hardware description in every score names it.
 */
@QuarkusMain
public final class EvaluatorMain {

    private EvaluatorMain() {
    }

    public static void main(String... args) {
        NativeBuild.apply();
        Quarkus.run(args);
    }
}
