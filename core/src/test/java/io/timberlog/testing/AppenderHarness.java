package io.timberlog.testing;

import io.timberlog.core.ManagedStore;

import java.nio.file.Path;
import java.util.List;

/**
 * A logging framework configured from one of its real configuration files, with a TimberLog appender
 * named {@code TIMBERLOG} and, for configurations that have one, another appender beside it. Lets the
 * behaviours every appender shares be written once ({@link StoreFailureContract}, {@link ChildProcessContract}).
 */
public interface AppenderHarness extends AutoCloseable {
    /** The configurations each appender module provides, by purpose. */
    enum Config {
        /** TimberLog (fsync never) beside an appender that keeps the events it gets. */
        CAPTURE,
        /** As {@link #CAPTURE}, with 256 KiB WAL files and overload policy drop, to meet a full disk soon. */
        SMALL_WAL
    }

    /** Logs at INFO through the framework, with the framework's own placeholders ({@code {}}). */
    void info(String template, Object... arguments);

    /** As {@link #info}, through the logger named {@code logger}. */
    void infoTo(String logger, String template, Object... arguments);

    /** Puts an entry into the framework's MDC (log4j2: ThreadContext) of the calling thread. */
    void putMdc(String key, String value);

    /** Empties the framework's MDC of the calling thread. */
    void clearMdc();

    /** The store of the {@code TIMBERLOG} appender. */
    ManagedStore store();

    /** Events the appender beside TimberLog got. */
    int eventsOfTheOtherAppender();

    /** The messages of the events the appender beside TimberLog got, as the framework formatted them. */
    List<String> messagesOfTheOtherAppender();

    /** Problems the framework's status channel received, at warning level and above. */
    List<String> warnings();

    /** Stops the framework's context, which stops and closes the appender. */
    @Override
    void close();

    /** Starts a framework from its configuration for {@code config}, writing the store to {@code dir}. */
    interface Factory {
        AppenderHarness start(Config config, Path dir);
    }
}
