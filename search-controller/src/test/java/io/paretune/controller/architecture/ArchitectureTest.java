package io.paretune.controller.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The controller's structure, held to its plan: packages depend on each other one way only, trials and campaigns
 * are written by their stores alone, and only the stores reach the repositories.
 */
class ArchitectureTest {

    private static final String ROOT = "io.paretune.controller";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheStoresWriteTrialsAndCampaigns() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(ROOT + ".store..", ROOT + ".persistence..")
                .should().setFieldWhere(describe("a field of a persisted entity",
                        (JavaFieldAccess access) -> access.getTargetOwner().getPackageName().equals(ROOT + ".persistence")
                                && access.getTargetOwner().getSimpleName().endsWith("Entity")));
        rule.check(classes);
    }

    @Test
    void onlyTheStoresUseTheRepositories() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".store..", ROOT + ".persistence..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void theAlgorithmsKnowNothingOfStorageOrTransport() {
        noClasses().that().resideInAnyPackage(ROOT + ".search..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".persistence..", ROOT + ".store..",
                        ROOT + ".rest..", ROOT + ".messaging..", "org.apache.kafka..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void noToolsInTheServiceJar() {
        classes().should().resideOutsideOfPackages("..bench..", "..cli..", "..e2e..").check(classes);
    }
}
