package io.paretune.controller.architecture;

import com.tngtech.archunit.core.domain.JavaFieldAccess;
import io.paretune.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The controller's structure, held to the rules every service follows ({@link ServiceArchitecture}) and to its own:
 * trials and campaigns are written by their stores alone, only the stores reach the repositories, and the search,
 * selection and importance algorithms know nothing of storage or transport.
 */
class ArchitectureTest {

    private static final String ROOT = "io.paretune.controller";
    private static final ServiceArchitecture SERVICE = ServiceArchitecture.of(ROOT);

    @Test
    void packagesFormNoCycles() {
        SERVICE.packagesFormNoCycles();
    }

    @Test
    void noToolsInTheServiceJar() {
        SERVICE.carriesNoTools();
    }

    @Test
    void onlyTheStoresWriteTrialsAndCampaigns() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".store..", ROOT + ".persistence..")
                .should().setFieldWhere(describe("a field of a persisted entity",
                        (JavaFieldAccess access) -> access.getTargetOwner().getPackageName().equals(ROOT + ".persistence")
                                && access.getTargetOwner().getSimpleName().endsWith("Entity")))
                .check(SERVICE.classes());
    }

    @Test
    void onlyTheStoresUseTheRepositories() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".store..", ROOT + ".persistence..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(SERVICE.classes());
    }

    @Test
    void theAlgorithmsKnowNothingOfStorageOrTransport() {
        noClasses().that().resideInAnyPackage(ROOT + ".search..", ROOT + ".selection..", ROOT + ".importance..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".persistence..", ROOT + ".store..",
                        ROOT + ".rest..", ROOT + ".messaging..", "org.apache.kafka..", "jakarta.persistence..")
                .check(SERVICE.classes());
    }
}
