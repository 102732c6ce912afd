package io.timberlog.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The data flows one way: wal, then segment, then manifest; Jackson stays behind the manifest file. */
class SegmentArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.timberlog.core");

    @Test
    void walAndSegment_doNotDependOnLaterStages() {
        noClasses().that().resideInAPackage("..internal.wal..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal.segment..", "..internal.manifest..")
                .check(CORE);
        noClasses().that().resideInAPackage("..internal.segment..")
                .should().dependOnClassesThat().resideInAPackage("..internal.manifest..")
                .check(CORE);
    }

    @Test
    void core_usesNoJsonLibrary() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..").check(CORE);
    }
}
