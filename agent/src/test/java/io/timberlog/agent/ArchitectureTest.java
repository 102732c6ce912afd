package io.timberlog.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.timberlog.agent");

    @Test
    void agent_usesOnlyThePublicApiOfCore() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.timberlog.core.internal..").check(AGENT);
    }

    /** The bridge lives in the bootstrap class loader, which sees the JDK and nothing else. */
    @Test
    void bridge_dependsOnTheJdkOnly() {
        classes().that().resideInAPackage("io.timberlog.agent.bridge..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.timberlog.agent.bridge..").check(AGENT);
    }

    /** Framework types are visible only in a framework's own class loader: only code defined there may name them. */
    @Test
    void frameworkTypes_areNamedOnlyByTheCodeDefinedBesideTheFramework() {
        noClasses().that().resideOutsideOfPackages("io.timberlog.agent.logback..").should().dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..", "org.slf4j..", "io.timberlog.logback..").check(AGENT);
        noClasses().that().resideOutsideOfPackages("io.timberlog.agent.log4j2..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.logging..", "io.timberlog.log4j2..").check(AGENT);
    }

    /** The launcher runs in the application's class loader: it must not pull the agent's libraries in there. */
    @Test
    void launcher_usesTheJdkOnly() {
        classes().that().haveSimpleName("AgentLauncher").or().haveSimpleName("AttachMain").should()
                .onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.tools.attach..", "io.timberlog.agent")
                .check(AGENT);
    }
}
