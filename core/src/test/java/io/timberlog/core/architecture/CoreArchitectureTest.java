package io.timberlog.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules that keep the core a framework-free library that other modules build on. */
class CoreArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.timberlog.core");
    }

    @Test
    void core_dependsOnNoLoggingFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "ch.qos.logback..", "org.slf4j..", "org.apache.logging..", "java.util.logging..",
                        "org.apache.commons.logging..", "org.jboss.logging..")
                .because("core runs under every framework and must not pull one in or log through one")
                .check(core);
    }

    @Test
    void core_dependsOnNeitherTheAgentNorTheCliNorTheirLibraries() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.timberlog.cli..", "io.timberlog.agent..", "io.timberlog.logback..", "io.timberlog.log4j2..",
                        "net.bytebuddy..", "picocli..")
                .because("the data flows from the capture modules into core, never back")
                .check(core);
    }

    @Test
    void internalPackages_areFreeOfCycles() {
        slices().matching("io.timberlog.core.internal.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void core_neverExitsTheProcess() {
        noClasses().should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .because("core lives inside someone else's application").check(core);
    }
}
