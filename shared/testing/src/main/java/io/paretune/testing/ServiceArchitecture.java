package io.paretune.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure every service is held to, over its main classes (tests left out): its packages depend on each other
 * one way only, and no tool (benchmark, CLI, end-to-end harness) ships in its jar. A service's own
 * {@code ArchitectureTest} checks these and adds its own rules.
 *
 * <pre>{@code
 * ServiceArchitecture worker = ServiceArchitecture.of("io.paretune.worker");
 * worker.packagesFormNoCycles();
 * worker.carriesNoTools();
 * }</pre>
 */
public final class ServiceArchitecture {

    private final String root;
    private final JavaClasses classes;

    private ServiceArchitecture(String root, JavaClasses classes) {
        this.root = root;
        this.classes = classes;
    }

    /** The main classes under {@code rootPackage}. */
    public static ServiceArchitecture of(String rootPackage) {
        return new ServiceArchitecture(rootPackage, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage));
    }

    public JavaClasses classes() {
        return classes;
    }

    /** Each package directly under the root, with its subpackages, is one slice; no slice reaches back to itself. */
    public void packagesFormNoCycles() {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    public void carriesNoTools() {
        ArchRuleDefinition.classes().should().resideOutsideOfPackages("..bench..", "..cli..", "..e2e..").check(classes);
    }
}
