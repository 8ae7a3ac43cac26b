package io.paretune.evaluator.architecture;

import io.paretune.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The evaluator's structure, held to the rules every service follows ({@link ServiceArchitecture}). */
class ArchitectureTest {

    private static final ServiceArchitecture SERVICE = ServiceArchitecture.of("io.paretune.evaluator");

    @Test
    void packagesFormNoCycles() {
        SERVICE.packagesFormNoCycles();
    }

    @Test
    void noToolsInTheServiceJar() {
        SERVICE.carriesNoTools();
    }
}
