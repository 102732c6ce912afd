package io.timberlog.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.*;

/** Checks the built core jar: it holds our classes only, needs no other jar, and works alone. */
class CoreJarIT {
    @TempDir
    Path dir;

    private static Path coreJar() {
        return Paths.get(System.getProperty("timberlog.coreJar"));
    }

    @Test
    void coreJar_everyClass_isUnderTheCorePackage() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(coreJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (!name.startsWith("io/timberlog/core/")) {
                    foreign.add(name);
                }
            }
        }
        assertEquals(List.of(), foreign, "classes outside io.timberlog.core");
    }

    @Test
    void pom_hasNoDependencyButForTests() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get(System.getProperty("timberlog.pom")).toFile());
        List<String> runtime = new ArrayList<>();
        List<org.w3c.dom.Element> dependencies = new ArrayList<>(); // the project's own, not its plugins'
        for (org.w3c.dom.Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("dependencies".equals(n.getNodeName())) {
                for (org.w3c.dom.Node d = n.getFirstChild(); d != null; d = d.getNextSibling()) {
                    if ("dependency".equals(d.getNodeName())) {
                        dependencies.add((org.w3c.dom.Element) d);
                    }
                }
            }
        }
        for (org.w3c.dom.Element d : dependencies) {
            org.w3c.dom.NodeList scope = d.getElementsByTagName("scope");
            if (scope.getLength() == 0 || !"test".equals(scope.item(0).getTextContent().trim())) {
                runtime.add(d.getElementsByTagName("artifactId").item(0).getTextContent());
            }
        }
        assertEquals(List.of(), runtime, "an application that uses core would get these too");
    }

    /**
     * Nothing we run or bundle may write to the host application's standard error, on the newest JDK
     * too (JDK 24+ warns there on the first use of sun.misc.Unsafe's memory access methods): a child
     * JVM writes, converts and reads a store with the jar, and prints nothing.
     */
    @Test
    void coreJar_onTheNewestJdk_printsNothing() throws Exception {
        Path temurin25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        Path jvm = Files.isExecutable(temurin25) ? temurin25
                : Paths.get(System.getProperty("java.home"), "bin", "java");
        Path testClasses = Paths.get(StoreSmoke.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(jvm.toString(), "-cp", coreJar() + java.io.File.pathSeparator + testClasses,
                StoreSmoke.class.getName(), dir.resolve("store").toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(err));
        assertEquals("", new String(out) + new String(err), "output of " + jvm);
    }

    /** A store written and read with nothing but the jar on the class path. */
    @Test
    void coreJar_alone_writesAndReadsAManifest() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {coreJar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> options = loader.loadClass("io.timberlog.core.StoreOptions");
            Object builder = options.getMethod("builder", Path.class).invoke(null, dir);
            Object built = builder.getClass().getMethod("build").invoke(builder);
            Class<?> store = loader.loadClass("io.timberlog.core.LogStore");
            Object opened = store.getMethod("open", options).invoke(null, built);
            Class<?> eventClass = loader.loadClass("io.timberlog.core.CapturedEvent");
            Class<?> style = loader.loadClass("io.timberlog.core.MessageStyle");
            Object event = eventClass.getConstructor().newInstance();
            eventClass.getMethod("message", String.class, style).invoke(event, "hello", style.getEnumConstants()[0]);
            assertEquals(true, store.getMethod("append", eventClass).invoke(opened, event));
            store.getMethod("close").invoke(opened);
            assertTrue(Files.readString(dir.resolve("manifest.json")).contains("segment_000001.log"));
            Class<?> reader = loader.loadClass("io.timberlog.core.StoreReader");
            Object r = reader.getMethod("open", Path.class).invoke(null, dir);
            Object summary = reader.getMethod("readAll", java.util.function.Consumer.class).invoke(r,
                    (java.util.function.Consumer<Object>) e -> { });
            assertEquals(1L, summary.getClass().getMethod("events").invoke(summary));
        }
    }
}
