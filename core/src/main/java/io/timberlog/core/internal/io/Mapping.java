package io.timberlog.core.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file mapped into memory, which can be forced and released on purpose.
 *
 * <p>Releasing matters: a deleted WAL file keeps its disk space for as long as it is mapped, and a
 * mapping left to the garbage collector may live until an old-generation collection, hours later in
 * a well-tuned application. On JDK 22 and later the file is mapped into a shared {@code Arena}
 * (java.lang.foreign, reached by method handles since this code targets Java 11), whose
 * {@code close()} unmaps safely: a later access throws instead of crashing. It does not wait for a
 * thread that is inside an access: that thread gets an {@code IllegalStateException} ("Already
 * closed"), possibly after its write was made, so a caller that may race with {@link #unmap} must
 * tell the two apart (see {@code ActiveWal.publish}). On older JDKs it is a {@link MappedByteBuffer} released through the JDK's
 * cleaner, which on those versions prints nothing (JDK 24 and later warn on every use of
 * {@code sun.misc.Unsafe}, so the cleaner is never used there).
 *
 * <p>Thread-safe; {@link #unmap} only once nobody uses the buffer any more.
 */
public abstract class Mapping {
    private static final ForeignMapper FOREIGN = ForeignMapper.find();

    /** The mapped bytes, little-endian. */
    public abstract ByteBuffer buffer();

    /** Forces bytes {@code [from, to)} to disk; throws what the JDK throws when that fails. */
    public abstract void force(int from, int to);

    /** Releases the mapping now (or leaves it to the garbage collector where that is all the JDK offers). */
    public abstract void unmap();

    /** Maps {@code size} bytes of {@code channel} for reading and writing. */
    public static Mapping map(FileChannel channel, long size) throws IOException {
        Mapping mapping = FOREIGN != null ? FOREIGN.map(channel, size) : new BufferMapping(
                channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
        mapping.buffer().order(ByteOrder.LITTLE_ENDIAN);
        return mapping;
    }

    /** JDK 11 to 21: a MappedByteBuffer. */
    private static final class BufferMapping extends Mapping {
        private static final MethodHandle FORCE_RANGE = findForceRange();
        private final MappedByteBuffer buffer;

        BufferMapping(MappedByteBuffer buffer) {
            this.buffer = buffer;
        }

        private static MethodHandle findForceRange() {
            try { // JDK 13+
                return MethodHandles.publicLookup().findVirtual(MappedByteBuffer.class, "force",
                        MethodType.methodType(MappedByteBuffer.class, int.class, int.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void force(int from, int to) {
            if (FORCE_RANGE == null) {
                buffer.force();
                return;
            }
            try {
                MappedByteBuffer ignored = (MappedByteBuffer) FORCE_RANGE.invokeExact(buffer, from, to - from);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UncheckedIOException(new IOException(t));
            }
        }

        @Override
        public void unmap() {
            Unmapper.unmap(buffer);
        }
    }

    /** JDK 22+: a MemorySegment in a shared Arena, used through method handles. */
    private static final class ForeignMapper {
        private final MethodHandle ofShared;
        private final MethodHandle mapInArena;
        private final MethodHandle asByteBuffer;
        private final MethodHandle asSlice;
        private final MethodHandle force;
        private final MethodHandle close;

        private ForeignMapper(MethodHandle ofShared, MethodHandle mapInArena, MethodHandle asByteBuffer,
                              MethodHandle asSlice, MethodHandle force, MethodHandle close) {
            this.ofShared = ofShared;
            this.mapInArena = mapInArena;
            this.asByteBuffer = asByteBuffer;
            this.asSlice = asSlice;
            this.force = force;
            this.close = close;
        }

        static ForeignMapper find() {
            if (Runtime.version().feature() < 22) {
                return null; // java.lang.foreign is final from JDK 22 on
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                return new ForeignMapper(
                        lookup.findStatic(arena, "ofShared", MethodType.methodType(arena)),
                        lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                                FileChannel.MapMode.class, long.class, long.class, arena)),
                        lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                        lookup.findVirtual(segment, "asSlice", MethodType.methodType(segment, long.class, long.class)),
                        lookup.findVirtual(segment, "force", MethodType.methodType(void.class)),
                        lookup.findVirtual(arena, "close", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        Mapping map(FileChannel channel, long size) throws IOException {
            try {
                Object arena = ofShared.invoke();
                Object segment = mapInArena.invoke(channel, FileChannel.MapMode.READ_WRITE, 0L, size, arena);
                ByteBuffer buffer = (ByteBuffer) asByteBuffer.invoke(segment);
                return new SegmentMapping(this, arena, segment, buffer);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("cannot map " + size + " bytes", t);
            }
        }
    }

    private static final class SegmentMapping extends Mapping {
        private final ForeignMapper mapper;
        private final Object arena;
        private final Object segment;
        private final ByteBuffer buffer;

        SegmentMapping(ForeignMapper mapper, Object arena, Object segment, ByteBuffer buffer) {
            this.mapper = mapper;
            this.arena = arena;
            this.segment = segment;
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void force(int from, int to) {
            try {
                mapper.force.invoke(mapper.asSlice.invoke(segment, (long) from, (long) (to - from)));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UncheckedIOException(new IOException(t));
            }
        }

        @Override
        public void unmap() {
            try {
                mapper.close.invoke(arena);
            } catch (Throwable e) {
                // Still in use (it never is when called) or already closed: the GC releases it.
            }
        }
    }
}
