package io.timberlog.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bridge package ({@code io.timberlog.agent.bridge}) in the bootstrap class loader, where
 * code woven into a framework class of any class loader can call it.
 *
 * <p>The bridge's class files are taken from the agent jar and defined directly with the JDK's
 * {@code jdk.internal.misc.Unsafe.defineClass} (its package is exported to the agent's own loader only,
 * through {@link Instrumentation#redefineModule}). Appending a jar to the bootstrap search path would
 * be the public way, but it makes HotSpot print a warning on the application's standard error and
 * turn class-data sharing off for every class outside the bootstrap loader, which slows the start.
 */
final class BootstrapBridge {
    static final String BRIDGE_CLASS = "io.timberlog.agent.bridge.TimberLogBridge";
    /** In the order they are defined: an interface before the class that names it. */
    private static final String[] CLASSES = {"io.timberlog.agent.bridge.CaptureSink", BRIDGE_CLASS};
    private static final String UNSAFE = "jdk.internal.misc.Unsafe";

    private BootstrapBridge() {
    }

    /** True when a TimberLog agent defined the bridge already: it runs in this JVM. */
    static boolean isDefined() {
        try {
            Class.forName(BRIDGE_CLASS, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static void define(Instrumentation instrumentation) throws ReflectiveOperationException, IOException {
        Module base = Object.class.getModule();
        Module agent = BootstrapBridge.class.getModule();
        instrumentation.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)), Map.of(), Set.of(),
                Map.of());
        Class<?> unsafeClass = Class.forName(UNSAFE);
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method defineClass = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (String name : CLASSES) {
            byte[] bytes = classFile(name);
            defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
        }
    }

    private static byte[] classFile(String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + resource);
            }
            return in.readAllBytes();
        }
    }
}
