package io.timberlog.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/.m2/")) // this build's classes, not the libraries'
            .withImportOption(location -> !location.contains("-tests.jar")) // nor core's test helpers
            .withImportOption(location -> !location.contains("/agent/target/")) // nor the agent, only copied
            .importPackages("io.timberlog");

    @Test
    void cli_usesOnlyThePublicApiOfCore() {
        noClasses().that().resideInAPackage("io.timberlog.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.timberlog.core.internal..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCli_usesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.timberlog.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }

    @Test
    void cli_doesNotUseTheAgentsClasses() {
        noClasses().that().resideInAPackage("io.timberlog.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.timberlog.agent..")
                .check(CLASSES);
    }

    @Test
    void onlyMain_callsSystemExit() {
        long calls = 0;
        for (var c : CLASSES) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (call.getTargetOwner().isEquivalentTo(System.class) && call.getName().equals("exit")) {
                    assertEquals("io.timberlog.cli.Timberlog.main(java.lang.String[])",
                            call.getOrigin().getFullName().replace("[Ljava.lang.String;", "java.lang.String[]"));
                    calls++;
                }
            }
        }
        assertEquals(1, calls);
    }
}
