package io.timberlog.log4j2;

import io.timberlog.core.ManagedStore;
import io.timberlog.core.StoreOptions;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.validation.constraints.Required;
import org.apache.logging.log4j.status.StatusLogger;

import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A log4j2 appender that captures every event into a TimberLog store, where it survives the crash of
 * the process:
 * <pre>{@code
 * <TimberLog name="TIMBERLOG" dir="${sys:log.dir:-/var/log/myapp}/timberlog"/>
 * <!-- optional attributes: maxWalSize, fsync, fsyncInterval, forceAtLevel, maxForceWait, maxTotalSize,
 *      maxAge, onOverload, blockTimeout, maxEventSize, closeConversionTimeout, includeCallerData -->
 * }</pre>
 * log4j2 finds it through the plugin index its annotation processor wrote into this jar: no
 * {@code packages} attribute is needed. The options are those of {@link StoreOptions.Builder#set},
 * the same as for the logback appender and the agent.
 *
 * <p>It works with synchronous loggers, asynchronous loggers and {@code AsyncAppender}, takes no lock
 * and allocates nothing per event in steady state for parameterized and simple messages without an
 * exception. Problems go to log4j2's {@link StatusLogger}, never to the application.
 *
 * <p>Capturing an event may call the application's code, which may log (an entity that loads itself
 * lazily logs its SQL). log4j2 formats a parameterized message as it makes the event, before any appender:
 * what an argument shown by a placeholder logs then is captured as any other event. What this appender
 * reads itself (an exception's message, an argument no placeholder shows) it reads while log4j2 counts it
 * busy on the thread, and log4j2 keeps the events logged meanwhile from it ("Recursive call to appender"
 * on the status logger): the application's other appenders get them, the store does not.
 *
 * <p>Thread-safe.
 */
@Plugin(name = "TimberLog", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class TimberLogAppender extends AbstractAppender {
    private final TimberLogManager manager;
    private final boolean includeCallerData;

    private TimberLogAppender(String name, Filter filter, boolean ignoreExceptions, Property[] properties,
                              TimberLogManager manager, boolean includeCallerData) {
        super(name, filter, null, ignoreExceptions, properties);
        this.manager = manager;
        this.includeCallerData = includeCallerData;
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The store being written; for tests and monitoring. */
    public ManagedStore getStore() {
        return manager.store();
    }

    /** With {@code includeCallerData}, asks log4j2 to find the caller, also for asynchronous loggers. */
    @Override
    public boolean requiresLocation() {
        return includeCallerData;
    }

    @Override
    public void append(LogEvent event) {
        try {
            capture(event);
        } catch (Throwable t) {
            // log4j2 would hand an Error on to its error handler, uncounted, and throw it at the application
            // with ignoreExceptions="false". One happens here for real: a thread with the smallest stack
            // overflows it when the JVM deoptimizes the hot mapping for a branch not taken yet, or when its
            // first event, logged with the stack nearly full, builds the thread's mapper.
            try {
                manager.store().captureFailed(t);
            } catch (Throwable stackStillFull) {
                // counting the drop needs a call, which an overflow may not leave room for: lost uncounted
            }
        }
    }

    private void capture(LogEvent event) {
        Log4jEventMapper mapper = Log4jEventMapper.acquire();
        if (mapper == null) {
            manager.store().dropNested(); // nested deeper in events captured on this thread than Nesting allows
            return;
        }
        try {
            manager.append(mapper.map(event, includeCallerData));
        } finally {
            mapper.release();
        }
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        stopped &= manager.stop(timeout, timeUnit);
        setStopped();
        return stopped;
    }

    /** The attributes of {@code <TimberLog>}; values are text, parsed by the core as for every front-end. */
    public static final class Builder extends AbstractAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<TimberLogAppender> {
        @PluginBuilderAttribute
        @Required(message = "TimberLog needs a dir attribute: the directory of the store")
        private String dir;
        @PluginBuilderAttribute
        private String maxWalSize;
        @PluginBuilderAttribute
        private String fsync;
        @PluginBuilderAttribute
        private String fsyncInterval;
        @PluginBuilderAttribute
        private String forceAtLevel;
        @PluginBuilderAttribute
        private String maxForceWait;
        @PluginBuilderAttribute
        private String maxTotalSize;
        @PluginBuilderAttribute
        private String maxAge;
        @PluginBuilderAttribute
        private String onOverload;
        @PluginBuilderAttribute
        private String blockTimeout;
        @PluginBuilderAttribute
        private String maxEventSize;
        @PluginBuilderAttribute
        private String closeConversionTimeout;
        /** Text, not boolean: log4j2 would read any value but {@code true} as false, without a word. */
        @PluginBuilderAttribute
        private String includeCallerData;

        public Builder setDir(String dir) {
            this.dir = dir;
            return this;
        }

        public Builder setMaxWalSize(String maxWalSize) {
            this.maxWalSize = maxWalSize;
            return this;
        }

        public Builder setFsync(String fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder setFsyncInterval(String fsyncInterval) {
            this.fsyncInterval = fsyncInterval;
            return this;
        }

        public Builder setForceAtLevel(String forceAtLevel) {
            this.forceAtLevel = forceAtLevel;
            return this;
        }

        public Builder setMaxForceWait(String maxForceWait) {
            this.maxForceWait = maxForceWait;
            return this;
        }

        public Builder setMaxTotalSize(String maxTotalSize) {
            this.maxTotalSize = maxTotalSize;
            return this;
        }

        public Builder setMaxAge(String maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Builder setOnOverload(String onOverload) {
            this.onOverload = onOverload;
            return this;
        }

        public Builder setBlockTimeout(String blockTimeout) {
            this.blockTimeout = blockTimeout;
            return this;
        }

        public Builder setMaxEventSize(String maxEventSize) {
            this.maxEventSize = maxEventSize;
            return this;
        }

        public Builder setCloseConversionTimeout(String closeConversionTimeout) {
            this.closeConversionTimeout = closeConversionTimeout;
            return this;
        }

        public Builder setIncludeCallerData(boolean includeCallerData) {
            this.includeCallerData = String.valueOf(includeCallerData);
            return this;
        }

        /** The appender, or {@code null} (reported to the status logger) when an option is wrong. */
        @Override
        public TimberLogAppender build() {
            Boolean callerData = callerData();
            StoreOptions options = callerData == null ? null : storeOptions();
            if (options == null) {
                return null;
            }
            return new TimberLogAppender(getName(), getFilter(), isIgnoreExceptions(), getPropertyArray(),
                    TimberLogManager.of(getName(), options, configured()), callerData);
        }

        /** {@code includeCallerData} as given (false when not), or {@code null} (reported) when it is no boolean. */
        private Boolean callerData() {
            String value = includeCallerData == null ? "false" : includeCallerData.trim();
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.valueOf(value);
            }
            StatusLogger.getLogger().error("TimberLog[{}] not created: includeCallerData must be true or false, "
                    + "was '{}'", getName(), includeCallerData);
            return null;
        }

        private StoreOptions storeOptions() {
            StatusLogger status = StatusLogger.getLogger();
            if (dir == null || dir.trim().isEmpty()) {
                status.error("TimberLog[{}] needs a dir attribute: the directory of the store", getName());
                return null;
            }
            StoreOptions.Builder builder = StoreOptions.builder(Paths.get(dir.trim()))
                    .problemListener((message, cause) -> status.warn("TimberLog[" + getName() + "]: " + message, cause));
            for (Map.Entry<String, String> option : configured().entrySet()) {
                try {
                    if (!builder.set(option.getKey(), option.getValue())) {
                        status.warn("TimberLog[{}]: option {} is not supported by this version of TimberLog and is "
                                + "ignored", getName(), option.getKey());
                    }
                } catch (IllegalArgumentException e) {
                    status.error("TimberLog[{}] not created: {}", getName(), e.getMessage());
                    return null;
                }
            }
            return builder.build();
        }

        /** The options given, by name, in the order the core applies them. */
        private Map<String, String> configured() {
            Map<String, String> options = new LinkedHashMap<>();
            putIfSet(options, "maxWalSize", maxWalSize);
            putIfSet(options, "fsync", fsync);
            putIfSet(options, "fsyncInterval", fsyncInterval);
            putIfSet(options, "forceAtLevel", forceAtLevel);
            putIfSet(options, "maxForceWait", maxForceWait);
            putIfSet(options, "maxTotalSize", maxTotalSize);
            putIfSet(options, "maxAge", maxAge);
            putIfSet(options, "onOverload", onOverload);
            putIfSet(options, "blockTimeout", blockTimeout);
            putIfSet(options, "maxEventSize", maxEventSize);
            putIfSet(options, "closeConversionTimeout", closeConversionTimeout);
            return options;
        }

        private static void putIfSet(Map<String, String> options, String name, String value) {
            if (value != null) {
                options.put(name, value);
            }
        }
    }
}
