package io.timberlog.testing;

import org.junit.jupiter.api.Assumptions;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Tasks run on virtual threads, from tests compiled for Java 17: the JDK's methods are found by
 * reflection, and a test that needs them is skipped ({@link #assumeAvailable()}) before Java 21. The
 * modules' tests run a second time on Java 25, where they do run.
 */
public final class VirtualThreadTasks {
    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, or {@code null} before Java 21. */
    private static final MethodHandle NEW_EXECUTOR = find(Executors.class, "newVirtualThreadPerTaskExecutor",
            MethodType.methodType(ExecutorService.class), true);
    /** {@code Thread.isVirtual()}, or {@code null} before Java 21. */
    private static final MethodHandle IS_VIRTUAL = find(Thread.class, "isVirtual", MethodType.methodType(boolean.class),
            false);

    private VirtualThreadTasks() {
    }

    private static MethodHandle find(Class<?> type, String name, MethodType methodType, boolean isStatic) {
        try {
            return isStatic ? MethodHandles.publicLookup().findStatic(type, name, methodType)
                    : MethodHandles.publicLookup().findVirtual(type, name, methodType);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Skips the calling test before Java 21. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(NEW_EXECUTOR != null, "virtual threads need Java 21; this is " + Runtime.version());
    }

    /** Runs {@code task(i)} for every i below {@code n}, each on a virtual thread of its own, and waits for all. */
    public static void runEach(int n, IntConsumer task) throws Exception {
        ExecutorService executor = newExecutor();
        try {
            List<Future<?>> done = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                done.add(executor.submit(() -> {
                    checkVirtual();
                    task.accept(index);
                }));
            }
            for (Future<?> f : done) {
                get(f);
            }
        } finally {
            executor.shutdown();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** Runs {@code task} on a virtual thread and returns what it returned. */
    public static <T> T call(Callable<T> task) throws Exception {
        ExecutorService executor = newExecutor();
        try {
            return get(executor.submit(() -> {
                checkVirtual();
                return task.call();
            }));
        } finally {
            executor.shutdown();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static ExecutorService newExecutor() {
        assumeAvailable();
        try {
            return (ExecutorService) NEW_EXECUTOR.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The task's result; an assertion failure in the task is thrown as it is. */
    private static <T> T get(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e;
        }
    }

    private static void checkVirtual() {
        boolean virtual;
        try {
            virtual = (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!virtual) {
            throw new AssertionError("not a virtual thread: " + Thread.currentThread());
        }
    }
}
