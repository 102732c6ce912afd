package io.timberlog.core.internal.io;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping now instead of whenever the garbage collector gets to it. Without this, a
 * deleted WAL file keeps its disk space for as long as its buffer is reachable, which in an
 * application that allocates little can be a very long time.
 *
 * <p>Touching a buffer after it was unmapped crashes the JVM, so callers unmap only a buffer that no
 * thread can reach any more (see the quiescence rules in {@code ActiveWal}). When the JDK's cleaner
 * is not accessible, this does nothing and the mapping is released by the garbage collector.
 */
public final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private Unmapper() {
    }

    private static MethodHandle findInvokeCleaner() {
        if (Runtime.version().feature() >= 24) {
            return null; // JDK 24+ prints a warning on any use of sun.misc.Unsafe; Mapping uses an Arena there
        }
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Unmaps {@code buffer}; returns false when it is left to the garbage collector. */
    public static boolean unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer == null) {
            return false;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }
}
