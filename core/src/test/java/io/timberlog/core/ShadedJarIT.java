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

/** Checks the built core jar: what it bundles is relocated, not a dependency, and works from the jar alone. */
class ShadedJarIT {
    @TempDir
    Path dir;

    private static Path coreJar() {
        return Paths.get(System.getProperty("timberlog.coreJar"));
    }

    @Test
    void coreJar_everyClass_isUnderTheCorePackage() throws Exception {
        List<String> foreign = new ArrayList<>();
        int shaded = 0;
        try (JarFile jar = new JarFile(coreJar().toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (!name.startsWith("io/timberlog/core/")) {
                    foreign.add(name);
                }
                if (name.startsWith("io/timberlog/core/shaded/jackson/")) {
                    shaded++;
                }
            }
        }
        assertEquals(List.of(), foreign, "classes outside io.timberlog.core");
        assertTrue(shaded > 0, "jackson-core is bundled, relocated");
    }

    @Test
    void dependencyReducedPom_hasNoJacksonDependency() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Paths.get(System.getProperty("timberlog.reducedPom")).toFile());
        List<String> dependencies = new ArrayList<>();
        org.w3c.dom.NodeList nodes = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if ("dependencies".equals(nodes.item(i).getNodeName())) {
                dependencies.add(nodes.item(i).getTextContent());
            }
        }
        assertFalse(String.join(" ", dependencies).contains("jackson"),
                "the published pom would pull Jackson into the application: " + dependencies);
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

    /** A store written and read with nothing but the jar on the class path (no Jackson of its own). */
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
