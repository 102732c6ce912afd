package io.timberlog.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * How every test child JVM starts: {@code ChildMain <main class> <args...>}. It runs the real main
 * after starting a watchdog that halts the JVM when the test JVM that started it is gone (or after
 * {@link #LIFETIME_PROPERTY}, default 5 minutes). A test that fails before it kills its child, or a
 * test JVM that is killed, must not leave a child writing to the disk forever.
 */
public final class ChildMain {
    public static final String LIFETIME_PROPERTY = "timberlog.test.childLifetimeSeconds";
    /** The name of the watchdog thread ({@link FrozenProcess} watches it). */
    public static final String WATCHDOG_THREAD = "test-child-watchdog";

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        startWatchdog();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void startWatchdog() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        long deadline = System.nanoTime() + Long.getLong(LIFETIME_PROPERTY, 300) * 1_000_000_000L;
        Thread watchdog = new Thread(() -> {
            while (true) {
                if (parent.isPresent() && !parent.get().isAlive() || System.nanoTime() > deadline) {
                    Runtime.getRuntime().halt(3);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, WATCHDOG_THREAD);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The command that starts {@code main} with {@code args} in a child JVM through this class. */
    public static java.util.List<String> command(String java, java.util.List<String> jvmOptions, Class<?> main,
                                                 String... args) {
        return command(java, jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /**
     * As {@link #command(String, java.util.List, Class, String...)}, with a class path of the caller's
     * choosing (it must hold this class and {@code main}).
     */
    public static java.util.List<String> command(String java, java.util.List<String> jvmOptions, String classPath,
                                                 Class<?> main, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
