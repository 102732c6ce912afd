package io.timberlog.core;

import io.timberlog.core.internal.format.LazyValues;
import io.timberlog.core.internal.format.MessageFormatter;
import io.timberlog.core.internal.format.ThrowableRenderer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event read back from the store, with every field that was captured. Immutable and
 * thread-safe; the formatted message is computed from the template and arguments on first use.
 */
public final class LogEvent {
    private final long sequence;
    private final long epochNanos;
    private final Level level;
    private final String logger;
    private final String thread;
    private final String template;
    private final MessageStyle style;
    private final List<Value> arguments;
    private final String storedMessage;
    private final Map<String, String> mdc;
    private final List<String> markers;
    private final List<KeyValue> keyValues;
    private final ThrowableInfo throwable;
    private final List<String> callerFrames;
    private final boolean truncated;
    private final RunInfo run;
    private String message;

    private LogEvent(Builder b) {
        this.sequence = b.sequence;
        this.epochNanos = b.epochNanos;
        this.level = Objects.requireNonNull(b.level, "level");
        this.logger = Objects.requireNonNull(b.logger, "logger");
        this.thread = Objects.requireNonNull(b.thread, "thread");
        this.template = Objects.requireNonNull(b.template, "template");
        this.style = Objects.requireNonNull(b.style, "style");
        // a segment's lazy list is immutable already; copying it would make every value
        this.arguments = b.arguments instanceof LazyValues ? b.arguments : List.copyOf(b.arguments);
        this.storedMessage = b.storedMessage;
        this.mdc = b.mdc;
        this.markers = List.copyOf(b.markers);
        this.keyValues = List.copyOf(b.keyValues);
        this.throwable = b.throwable;
        this.callerFrames = List.copyOf(b.callerFrames);
        this.truncated = b.truncated;
        this.run = b.run;
        this.message = b.storedMessage != null ? b.storedMessage : b.formattedMessage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Position of the event in the store's sequence: dense and increasing in the order of appends. */
    public long sequence() {
        return sequence;
    }

    public long epochNanos() {
        return epochNanos;
    }

    public Level level() {
        return level;
    }

    public String logger() {
        return logger;
    }

    public String thread() {
        return thread;
    }

    /** The message as written in the code, e.g. {@code "order {} took {} ms"}. */
    public String template() {
        return template;
    }

    public MessageStyle style() {
        return style;
    }

    public List<Value> arguments() {
        return arguments;
    }

    /** The formatted message, byte for byte as the framework produced it. */
    public String message() {
        String m = message;
        if (m == null) {
            m = storedMessage != null ? storedMessage : MessageFormatter.format(style, template, arguments);
            message = m;
        }
        return m;
    }

    /** True when the formatted message was stored verbatim rather than reproduced from the template. */
    public boolean hasStoredMessage() {
        return storedMessage != null;
    }

    /** MDC / ThreadContext entries in the order they were captured; values may be {@code null}. */
    public Map<String, String> mdc() {
        return mdc;
    }

    public List<String> markers() {
        return markers;
    }

    public List<KeyValue> keyValues() {
        return keyValues;
    }

    /** The exception logged with the event, or {@code null}. */
    public ThrowableInfo throwable() {
        return throwable;
    }

    /**
     * The exception printed as the framework that captured the event prints it (logback's
     * {@code %ex} for SLF4J-style events, log4j2's for log4j2-style ones), or the empty string.
     */
    public String throwableText() {
        return throwable == null ? "" : ThrowableRenderer.render(throwable, style);
    }

    public List<String> callerFrames() {
        return callerFrames;
    }

    /** True when a field was cut to fit the store's maximum event size (see FORMAT.md). */
    public boolean isTruncated() {
        return truncated;
    }

    /** The run that wrote the event, or {@code null} when unknown. */
    public RunInfo run() {
        return run;
    }

    @Override
    public String toString() {
        return "LogEvent{seq=" + sequence + ", " + level + " " + logger + " [" + thread + "] " + message() + "}";
    }

    /** Builds events; used by the readers of the store and by tests. Not thread-safe. */
    public static final class Builder {
        private long sequence;
        private long epochNanos;
        private Level level = Level.INFO;
        private String logger = "";
        private String thread = "";
        private String template = "";
        private MessageStyle style = MessageStyle.LITERAL;
        private List<Value> arguments = List.of();
        private String storedMessage;
        private String formattedMessage;
        private Map<String, String> mdc = Map.of();
        private List<String> markers = List.of();
        private List<KeyValue> keyValues = List.of();
        private ThrowableInfo throwable;
        private List<String> callerFrames = List.of();
        private boolean truncated;
        private RunInfo run;

        private Builder() {
        }

        public Builder sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        public Builder epochNanos(long epochNanos) {
            this.epochNanos = epochNanos;
            return this;
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        public Builder thread(String thread) {
            this.thread = thread;
            return this;
        }

        public Builder template(String template) {
            this.template = template;
            return this;
        }

        public Builder style(MessageStyle style) {
            this.style = style;
            return this;
        }

        public Builder arguments(List<Value> arguments) {
            this.arguments = arguments;
            return this;
        }

        /** The formatted message stored verbatim, or {@code null} to reproduce it from the template. */
        public Builder storedMessage(String storedMessage) {
            this.storedMessage = storedMessage;
            return this;
        }

        /**
         * The message that the template and arguments format to, when the caller has formatted it already
         * (a reader that filtered on it), so that {@link LogEvent#message()} does not format it again; it
         * must be exactly what they format to. Unlike {@link #storedMessage}, the event still reproduces
         * its message from the template.
         */
        public Builder formattedMessage(String formattedMessage) {
            this.formattedMessage = formattedMessage;
            return this;
        }

        /** MDC entries; the map is kept as given (pass an unmodifiable, ordered map). */
        public Builder mdc(Map<String, String> mdc) {
            this.mdc = Objects.requireNonNull(mdc, "mdc");
            return this;
        }

        public Builder markers(List<String> markers) {
            this.markers = markers;
            return this;
        }

        public Builder keyValues(List<KeyValue> keyValues) {
            this.keyValues = keyValues;
            return this;
        }

        public Builder throwable(ThrowableInfo throwable) {
            this.throwable = throwable;
            return this;
        }

        public Builder callerFrames(List<String> callerFrames) {
            this.callerFrames = callerFrames;
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Builder run(RunInfo run) {
            this.run = run;
            return this;
        }

        public LogEvent build() {
            return new LogEvent(this);
        }
    }
}
