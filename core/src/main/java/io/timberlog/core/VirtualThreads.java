package io.timberlog.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether the current thread is a virtual one, asked on every capture: {@code Thread.isVirtual()} exists
 * from Java 21 on, and core compiles for Java 11. The method is looked up once; a static final handle is
 * a constant to the JIT, which inlines the call (a type check of the thread), and on an older JDK the
 * answer is a constant {@code false}.
 */
final class VirtualThreads {
    /** {@code Thread.isVirtual()}, or {@code null} before Java 21. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private VirtualThreads() {
    }

    static boolean isCurrent() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable cannotHappen) { // isVirtual() throws nothing
            return false;
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
