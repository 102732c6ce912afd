package io.timberlog.core.internal.wal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.MappedByteBuffer;

/**
 * Forces part of a mapping ({@code MappedByteBuffer.force(int, int)}, JDK 13+), falling back to the
 * whole mapping on Java 11. Forcing only what was written since the last force spares the flusher a
 * walk over the whole mapping every interval, and the disk the zeros ahead of the writers.
 */
final class RangeForce {
    private static final MethodHandle FORCE_RANGE = find();

    private RangeForce() {
    }

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup().findVirtual(MappedByteBuffer.class, "force",
                    MethodType.methodType(MappedByteBuffer.class, int.class, int.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Forces bytes {@code [from, to)} of {@code buffer}; throws what the JDK throws when that fails. */
    static void force(MappedByteBuffer buffer, int from, int to) {
        if (FORCE_RANGE == null) {
            buffer.force();
            return;
        }
        try {
            MappedByteBuffer ignored = (MappedByteBuffer) FORCE_RANGE.invokeExact(buffer, from, to - from);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new java.io.UncheckedIOException(new java.io.IOException(t));
        }
    }
}
