package io.timberlog.core.internal.format;

/**
 * What to do with a throwable that escaped user code ({@code toString()}, {@code formatTo()}, an
 * iterator) while we were rendering an argument. Both frameworks catch {@code Throwable} there and
 * print a placeholder; we do the same, so that a user's sneaky checked exception, assertion error
 * or runaway recursion cannot break the application's logging call.
 */
final class Failures {
    private Failures() {
    }

    /**
     * Rethrows the JVM's own failures (out of memory, internal errors): unlike a {@link StackOverflowError},
     * which only unwinds the user's recursion, they leave the process in a state no placeholder text can
     * make good, so we must not swallow them.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
