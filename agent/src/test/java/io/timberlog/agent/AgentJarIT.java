package io.timberlog.agent;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built agent jar: it lands on the application's class path, so everything in it must be under
 * the agent's package (bundled libraries relocated), with no service registrations, module descriptors
 * or plugin indexes through which the application could find a class of it.
 */
class AgentJarIT {
    private static final String SHADED = "io/timberlog/agent/shaded/";

    @Test
    void everyClass_isTheAgentsOrRelocatedUnderIt() throws Exception {
        List<String> foreign = new ArrayList<>();
        List<String> bundled = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (!name.startsWith("io/timberlog/agent/")) {
                    foreign.add(name);
                }
                for (String library : List.of("core/", "logback/", "log4j2/", "bytebuddy/")) {
                    if (name.startsWith(SHADED + library) && !bundled.contains(library)) {
                        bundled.add(library);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign, "classes outside io.timberlog.agent");
        assertEquals(List.of("bytebuddy/", "core/", "log4j2/", "logback/"), bundled.stream().sorted().collect(
                java.util.stream.Collectors.toList()), "bundled, relocated");
    }

    @Test
    void nothingElse_leaksOutOfTheJar() throws Exception {
        List<String> other = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && !name.endsWith(".class") && !name.equals("META-INF/MANIFEST.MF")) {
                    other.add(name);
                }
                if (name.endsWith("module-info.class") || name.startsWith("META-INF/versions/")) {
                    other.add(name);
                }
            }
        }
        assertEquals(List.of(), other, "services, module descriptors, plugin indexes, multi-release classes");
    }

    @Test
    void appendersThemselves_areNotBundled() throws Exception {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (String appender : List.of("logback/TimberLogAppender", "log4j2/TimberLogAppender", "log4j2/TimberLogManager")) {
                assertEquals(null, jar.getEntry(SHADED + appender + ".class"), appender);
            }
            assertTrue(jar.getEntry(SHADED + "logback/LogbackEventMapper.class") != null);
            assertTrue(jar.getEntry(SHADED + "log4j2/Log4jEventMapper.class") != null);
        }
    }

    /** The routing checks recognize the application's appender by its name, which relocation must leave alone. */
    @Test
    void routingChecks_lookForTheApplicationsAppenderName() throws Exception {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            assertTrue(classText(jar, SHADED + "logback/TimberLogRouting.class").contains("io.timberlog.logback.TimberLogAppender"));
            assertTrue(classText(jar, SHADED + "log4j2/TimberLogRouting.class").contains("io.timberlog.log4j2.TimberLogAppender"));
        }
    }

    /**
     * Log content is data, never code: what the agent bundles binds no JSON to types (no JSON library at
     * all: core reads its one JSON file by hand), resolves no names (JNDI), runs no scripts and reads no
     * Java serialization or XML beans. Checked in the constant pools of every class of the jar.
     */
    @Test
    void bundledCode_bindsNoTypesAndResolvesNoNames() throws Exception {
        List<String> found = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (name.contains("/jackson/") || name.contains("/databind/")) {
                    found.add(name);
                }
                String text = classText(jar, name);
                for (String api : List.of("javax/naming/", "java/io/ObjectInputStream", "java/beans/XMLDecoder",
                        "javax/script/", "java/rmi/")) {
                    if (text.contains(api)) {
                        found.add(name + " uses " + api);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void manifest_namesTheEntryPoints() throws Exception {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.timberlog.agent.AgentLauncher", main.getValue("Premain-Class"));
            assertEquals("io.timberlog.agent.AgentLauncher", main.getValue("Agent-Class"));
            assertEquals("io.timberlog.agent.AttachMain", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }

    private static String classText(JarFile jar, String name) throws Exception {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
