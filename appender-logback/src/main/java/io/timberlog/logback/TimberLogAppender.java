package io.timberlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.timberlog.core.ManagedStore;
import io.timberlog.core.StoreOptions;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A logback appender that captures every event into a TimberLog store, where it survives the crash of
 * the process:
 * <pre>{@code
 * <appender name="TIMBERLOG" class="io.timberlog.logback.TimberLogAppender">
 *   <dir>${LOG_DIR:-/var/log/myapp}/timberlog</dir>
 *   <!-- optional: maxWalSize, fsync, fsyncInterval, forceAtLevel, maxForceWait, maxTotalSize, maxAge,
 *        onOverload, blockTimeout, maxEventSize, includeCallerData -->
 * </appender>
 * }</pre>
 * Every option but {@code dir} has a default; the values are those of {@link StoreOptions.Builder#set},
 * the same for the log4j2 plugin and the agent. It captures the message template and arguments, MDC,
 * markers, key-value pairs, the exception as logback prints it, and caller data when
 * {@code includeCallerData} is true.
 *
 * <p>Appending takes no lock (this is not the synchronized {@code AppenderBase}) and allocates
 * nothing in steady state for events without an exception. Problems (a directory that cannot be
 * written, a full disk) go to logback's status manager, visible with {@code <configuration debug="true">};
 * the application never sees them. {@link #stop()} closes the store; a JVM shutdown hook does so when
 * the application never stops logback.
 *
 * <p>Capturing an event calls the application's code: an argument's {@code toString()} gives its text,
 * and may log (an entity that loads itself lazily logs its SQL). logback 1.5 hands such an event to this
 * appender while it is still busy with the first on the same thread: it is captured too, with a mapping
 * and an encoding of its own, up to {@link io.timberlog.core.Nesting#MAX_NESTED} deep; deeper (an argument
 * that logs itself whenever it is rendered) it is dropped, counted and reported. logback 1.3 drops such an
 * event itself before this appender sees it (its appenders' per-thread guard): the application's other
 * appenders get it, the store does not.
 *
 * <p>Thread-safe, as logback requires of appenders.
 */
public class TimberLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Option name to value as configured, applied in order when the appender starts. */
    private final Map<String, String> options = new LinkedHashMap<>();
    private boolean includeCallerData;
    private volatile ManagedStore store;

    /** The store directory (required); created with mode 0750 when missing. */
    public void setDir(String dir) {
        options.put("dir", dir);
    }

    public String getDir() {
        return options.get("dir");
    }

    public void setMaxWalSize(String size) {
        options.put("maxWalSize", size);
    }

    public void setFsync(String policy) {
        options.put("fsync", policy);
    }

    public void setFsyncInterval(String interval) {
        options.put("fsyncInterval", interval);
    }

    public void setForceAtLevel(String level) {
        options.put("forceAtLevel", level);
    }

    public void setMaxForceWait(String wait) {
        options.put("maxForceWait", wait);
    }

    public void setMaxTotalSize(String size) {
        options.put("maxTotalSize", size);
    }

    public void setMaxAge(String age) {
        options.put("maxAge", age);
    }

    public void setOnOverload(String policy) {
        options.put("onOverload", policy);
    }

    public void setBlockTimeout(String timeout) {
        options.put("blockTimeout", timeout);
    }

    public void setMaxEventSize(String size) {
        options.put("maxEventSize", size);
    }

    public void setCloseConversionTimeout(String timeout) {
        options.put("closeConversionTimeout", timeout);
    }

    /**
     * Whether to capture the caller's stack frames (default false: finding them costs a stack walk per
     * event). Under an {@code AsyncAppender}, set its {@code includeCallerData} too, or the frames are
     * those of logback's worker thread.
     */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    public boolean isIncludeCallerData() {
        return includeCallerData;
    }

    /** The store being written, or {@code null} when stopped; for tests and monitoring. */
    public ManagedStore getStore() {
        return store;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        StoreOptions storeOptions = storeOptions();
        if (storeOptions == null) {
            return;
        }
        try {
            store = ManagedStore.open(storeOptions, "TimberLogAppender[" + getName() + "]");
        } catch (RuntimeException | Error e) {
            // Opening reports its own failures; this is what is left (a thread that cannot be made), which
            // logback would hand on to the application's start. Every Error, as ManagedStore says why.
            addError("TimberLogAppender[" + getName() + "] not started: its store could not be set up", e);
            return;
        }
        super.start();
    }

    /** The options as configured, or {@code null} (reported) when one of them is wrong. */
    private StoreOptions storeOptions() {
        String dir = options.get("dir");
        if (dir == null || dir.trim().isEmpty()) {
            addError("TimberLogAppender[" + getName() + "] needs a <dir>: the directory of the store");
            return null;
        }
        StoreOptions.Builder builder = StoreOptions.builder(Paths.get(dir.trim()))
                .problemListener((message, cause) -> addWarn(message, cause));
        for (Map.Entry<String, String> option : options.entrySet()) {
            try {
                if (!builder.set(option.getKey(), option.getValue())) {
                    addWarn("TimberLogAppender[" + getName() + "]: option <" + option.getKey() + "> is not supported "
                            + "by this version of TimberLog and is ignored");
                }
            } catch (IllegalArgumentException e) {
                addError("TimberLogAppender[" + getName() + "] not started: " + e.getMessage());
                return null;
            }
        }
        return builder.build();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        ManagedStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                addError("TimberLogAppender[" + getName() + "]: closing store " + s.options().directory() + " failed", e);
            }
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        ManagedStore s = store;
        if (s == null) {
            return;
        }
        try {
            capture(s, event);
        } catch (Throwable t) {
            // logback passes an Error on to the application. One happens here for real: a thread with the
            // smallest stack overflows it when the JVM deoptimizes the hot mapping for a branch not taken yet,
            // or when its first event, logged with the stack nearly full, builds the thread's mapper.
            try {
                s.captureFailed(t);
            } catch (Throwable stackStillFull) {
                // counting the drop needs a call, which an overflow may not leave room for: lost uncounted
            }
        }
    }

    private void capture(ManagedStore s, ILoggingEvent event) {
        LogbackEventMapper mapper = LogbackEventMapper.acquire();
        if (mapper == null) {
            s.dropNested(); // nested deeper in events captured on this thread than Nesting allows: counted
            return;
        }
        try {
            s.append(mapper.map(event, includeCallerData));
        } finally {
            mapper.release();
        }
    }
}
