package io.timberlog.logback;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private static final JavaClasses APPENDER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.timberlog.logback");

    @Test
    void appender_usesOnlyThePublicApiOfCore() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.timberlog.core.internal..")
                .check(APPENDER);
    }

    @Test
    void appender_doesNotUseLog4jOrTheAgentsTools() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.logging..", "net.bytebuddy..",
                "picocli..").check(APPENDER);
    }
}
