package io.timberlog.cli;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Tells, without writing, that the reader of standard output went away: {@code timberlog query -f |
 * head -1} must end once head has its line, not at the next event, which may be hours away (as
 * {@code tail -f} and {@code journalctl -f} end). The pipe's write end then polls as an error
 * ({@code POLLERR}). The JDK has no public poll of a file descriptor; {@code sun.nio.ch.Net.poll}, its
 * sockets' own, is that call, reached when the launcher opens {@code sun.nio.ch} to this code.
 * Without it (another JVM, a JDK that changed it, the jar run by hand), the watch never tells, and
 * the reader's going away shows at the next write, as before.
 */
final class PipeReaderWatch {
    private static final MethodHandle POLL;
    private static final int POLLOUT;
    private static final int POLLERR;

    static {
        MethodHandle poll = null;
        int out = 0;
        int err = 0;
        try {
            Class<?> net = Class.forName("sun.nio.ch.Net");
            Method method = net.getDeclaredMethod("poll", FileDescriptor.class, int.class, long.class);
            method.setAccessible(true);
            poll = MethodHandles.lookup().unreflect(method)
                    .asType(MethodType.methodType(int.class, FileDescriptor.class, int.class, long.class));
            out = net.getField("POLLOUT").getShort(null);
            err = net.getField("POLLERR").getShort(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
            poll = null;
        }
        POLL = poll;
        POLLOUT = out;
        POLLERR = err;
    }

    private PipeReaderWatch() {
    }

    /** True when standard output is a pipe that no process reads any more; false when that cannot be told. */
    static boolean readerGone() {
        if (POLL == null) {
            return false;
        }
        try {
            int events = (int) POLL.invokeExact(FileDescriptor.out, POLLOUT, 0L);
            return (events & POLLERR) != 0;
        } catch (Throwable cannotTell) { // an IOException from poll(2), or anything the JDK's internals throw
            return false;
        }
    }
}
