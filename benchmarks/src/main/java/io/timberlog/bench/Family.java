package io.timberlog.bench;

import java.util.List;

/**
 * The logging framework a contender's JVM runs, which decides its class path: each family has its own
 * list of jars (written by the build into {@code target/classpath/<name>.txt}), so that SLF4J finds
 * exactly one provider and nothing of another framework is loaded.
 */
public enum Family {
    LOGBACK("logback", List.of()),
    LOG4J2("log4j2", List.of()),
    /**
     * log4j2 with Chronicle Logger's appender. Chronicle Core 2.21 reaches into JDK internals; on JDK 17
     * it needs these three, found by starting it without them: {@code java.lang.reflect} opened (else
     * {@code IllegalAccessException} in a static initializer), {@code sun.nio.ch} exported (else
     * {@code IllegalAccessError} on {@code FileChannelImpl}), {@code jdk.internal.ref} exported (else a
     * warning that mapped buffers are released by a slower fallback). And its analytics switched off: it
     * would otherwise try to reach an analytics server over the network at start.
     */
    CHRONICLE("chronicle", List.of(
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true"));

    private final String classpathName;
    private final List<String> jvmOptions;

    Family(String classpathName, List<String> jvmOptions) {
        this.classpathName = classpathName;
        this.jvmOptions = jvmOptions;
    }

    /** The name of the class path file in {@code target/classpath/}. */
    public String classpathName() {
        return classpathName;
    }

    /** Options every JVM of this family needs, whatever it runs. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }
}
