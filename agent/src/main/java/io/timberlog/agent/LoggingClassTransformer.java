package io.timberlog.agent;

import io.timberlog.agent.bridge.TimberLogBridge;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformer the agent installs: a plain {@link ClassFileTransformer} that looks at the name of
 * every class the JVM loads and hands the few logging classes to the {@link EntryHookWeaver}: nothing
 * more of the agent (ASM) is loaded until the first of them appears.
 *
 * <p>Woven code calls the bridge in the bootstrap loader's unnamed module; a framework class in a named
 * module (java.logging's {@code Logger}, a modular logback) is given the right to read it.
 * Thread-safe; a failure leaves the class as it was, reported once.
 */
final class LoggingClassTransformer implements ClassFileTransformer {
    private final Instrumentation instrumentation;

    LoggingClassTransformer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        LoggingClass target = LoggingClass.of(className);
        if (target == null) {
            return null;
        }
        try {
            byte[] woven = EntryHookWeaver.weave(target, classfileBuffer);
            Module bridge = TimberLogBridge.class.getModule();
            if (module != null && module.isNamed() && !module.canRead(bridge)) {
                instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
            return woven;
        } catch (Throwable e) {
            Problems.print("cannot weave " + target.binaryName() + " of " + loader + ", its events are not captured: " + e);
            return null;
        }
    }

    /** Weaves the logging classes loaded before the agent: after a dynamic attach, or rarely at premain. */
    void retransformLoaded() throws UnmodifiableClassException {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (LoggingClass.of(type.getName().replace('.', '/')) != null && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }
}
