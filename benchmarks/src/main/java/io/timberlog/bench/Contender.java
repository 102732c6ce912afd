package io.timberlog.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One logging setup under test. Every contender runs the same SLF4J calls ({@link io.timberlog.bench.child.Workload})
 * in a JVM of its own; what differs is the framework, its configuration (a file under
 * {@code src/main/resources/contenders/}) and JVM options. The two references run the framework with
 * an appender that does nothing: what the application and the framework cost, without writing.
 */
public enum Contender {
    LOGBACK_FILE("logback-file", "logback FileAppender, immediateFlush=true", Family.LOGBACK,
            "logback-file.xml", OutputKind.TEXT),
    LOGBACK_FILE_BUFFERED("logback-file-buffered", "logback FileAppender, immediateFlush=false, 256 KB buffer",
            Family.LOGBACK, "logback-file-buffered.xml", OutputKind.TEXT),
    LOGBACK_ASYNC("logback-async", "logback AsyncAppender (discardingThreshold=0) over FileAppender", Family.LOGBACK,
            "logback-async.xml", OutputKind.TEXT),
    LOG4J2_FILE("log4j2-file", "log4j2 File, immediateFlush=true", Family.LOG4J2, "log4j2-file.xml", OutputKind.TEXT),
    LOG4J2_RANDOM_ACCESS_FILE("log4j2-raf", "log4j2 RandomAccessFile, immediateFlush=false", Family.LOG4J2,
            "log4j2-raf.xml", OutputKind.TEXT),
    LOG4J2_ASYNC_LOGGERS("log4j2-async", "log4j2 all async loggers (disruptor) over RandomAccessFile", Family.LOG4J2,
            "log4j2-raf.xml", OutputKind.TEXT,
            "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"),
    CHRONICLE("chronicle", "Chronicle Logger 4.21.82 (log4j2 appender, Chronicle Queue)", Family.CHRONICLE,
            "log4j2-chronicle.xml", OutputKind.CHRONICLE_QUEUE),
    TIMBERLOG_LOGBACK("timberlog-logback", "TimberLog through its logback appender", Family.LOGBACK,
            "logback-timberlog.xml", OutputKind.TIMBERLOG_STORE),
    TIMBERLOG_LOG4J2("timberlog-log4j2", "TimberLog through its log4j2 appender", Family.LOG4J2,
            "log4j2-timberlog.xml", OutputKind.TIMBERLOG_STORE),
    /**
     * logback with no appender of its own; the agent captures into the store. Runs when the agent jar
     * exists ({@code bench.agentJar}). Its stop is logback's; the agent closes its store at the JVM's exit.
     */
    TIMBERLOG_AGENT("timberlog-agent", "TimberLog through its agent (logback, no appender)", Family.LOGBACK,
            "logback-none.xml", OutputKind.TIMBERLOG_STORE),
    LOGBACK_NOP("logback-nop", "reference: logback, an appender that does nothing", Family.LOGBACK,
            "logback-nop.xml", OutputKind.NONE),
    LOG4J2_NOP("log4j2-nop", "reference: log4j2, an appender that does nothing", Family.LOG4J2,
            "log4j2-nop.xml", OutputKind.NONE);

    private final String id;
    private final String label;
    private final Family family;
    private final String configuration;
    private final OutputKind output;
    private final List<String> jvmOptions;

    Contender(String id, String label, Family family, String configuration, OutputKind output, String... jvmOptions) {
        this.id = id;
        this.label = label;
        this.family = family;
        this.configuration = configuration;
        this.output = output;
        this.jvmOptions = List.of(jvmOptions);
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Family family() {
        return family;
    }

    public OutputKind output() {
        return output;
    }

    /** A reference point (the framework writing nothing), not a contender: never the "best" of a run. */
    public boolean isReference() {
        return output == OutputKind.NONE;
    }

    public boolean isTimberLog() {
        return output == OutputKind.TIMBERLOG_STORE;
    }

    /** Whether this contender can run: the agent contender needs the agent jar. */
    public boolean isAvailable(BenchOptions options) {
        return this != TIMBERLOG_AGENT || Files.isRegularFile(options.agentJar());
    }

    /**
     * The JVM options of a run of this contender writing into {@code dir}: its family's, the
     * configuration file, and its own.
     */
    public List<String> jvmOptions(Path dir, BenchOptions options) {
        List<String> all = new ArrayList<>(family.jvmOptions());
        all.add("-Dbench.dir=" + dir);
        String resource = "contenders/" + configuration;
        all.add(family == Family.LOGBACK ? "-Dlogback.configurationFile=" + resource
                : "-Dlog4j2.configurationFile=classpath:" + resource);
        all.addAll(jvmOptions);
        if (this == TIMBERLOG_AGENT) {
            // TimberLog through the agent: the application's logback as it is, plus this one option.
            all.add("-javaagent:" + options.agentJar() + "=dir=" + dir.resolve("store"));
        }
        return all;
    }

    public static Contender byId(String id) {
        for (Contender c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no contender '" + id + "'; known: " + ids());
    }

    private static String ids() {
        List<String> ids = new ArrayList<>();
        for (Contender c : values()) {
            ids.add(c.id);
        }
        return String.join(", ", ids);
    }
}
