package io.timberlog.log4j2;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Nesting;
import io.timberlog.core.PerThread;
import io.timberlog.core.ThrowableInfo;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableObjectMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a log4j2 event into a {@link CapturedEvent}. One per thread (lent to virtual threads), reused:
 * in steady state it allocates nothing for a parameterized or simple message without an exception
 * (parameters and ThreadContext entries are visited with log4j2's garbage-free {@code forEach} methods).
 * It reads only what the event holds: nothing in a message or parameter is interpreted, no lookup
 * evaluated.
 *
 * <p>How the message is kept depends on what log4j2 made of it:
 * <ul>
 *   <li>a parameterized message: its template and parameters, formatted again with log4j2's rules
 *       ({@link MessageStyle#LOG4J2});</li>
 *   <li>a simple message: its text, which log4j2 prints verbatim even with {@code {}} in it
 *       ({@link MessageStyle#LITERAL});</li>
 *   <li>a message log4j2 already flattened into the event (its garbage-free {@code MutableLogEvent},
 *       the asynchronous loggers' ring buffer event, the memento an {@code AsyncAppender} queues), which
 *       keeps only format, parameters and text: treated as parameterized when it has parameters, else
 *       as its text; an object message of a String looks like one with its text as only parameter;</li>
 *   <li>anything else (object, map, {@code String.format} messages...): its formatted text.</li>
 * </ul>
 * Public for the TimberLog agent, which captures with this same mapping (a relocated copy of it); not
 * an API for applications. Not thread-safe: {@link #acquire()} hands each thread its own.
 */
public final class Log4jEventMapper {
    /** How many mappers were built: the tests check that virtual threads reuse them. */
    private static final AtomicInteger BUILT = new AtomicInteger();
    /**
     * Not a ThreadLocal: an application server's threads would keep a redeployed application alive.
     * Virtual threads borrow theirs from it, from {@link #acquire()} to {@link #release()}. Capturing an
     * event may log another on the same thread (an argument's toString()), which gets a mapper of its own.
     */
    private static final PerThread<Nesting<Log4jEventMapper>> PER_THREAD =
            new PerThread<>(() -> new Nesting<>(Log4jEventMapper::new));
    /** Markers with parents deeper than this are not followed. */
    private static final int MAX_MARKER_DEPTH = 8;

    private static final TriConsumer<String, Object, CapturedEvent> CONTEXT_ENTRY =
            (key, value, event) -> event.putMdc(key, value == null ? null : String.valueOf(value));
    private static final ParameterConsumer<Log4jEventMapper> PARAMETER = (parameter, index, mapper) -> {
        if (mapper.thrown == null || parameter != mapper.thrown || index != mapper.lastParameter) {
            mapper.event.addArgument(parameter);
        }
    };
    private static final ParameterConsumer<Log4jEventMapper> RENDERED = (parameter, index, mapper) -> {
        if (CapturedEvent.isRendered(parameter) && (parameter != mapper.thrown || index != mapper.lastParameter)) {
            mapper.anyRendered = true;
        }
    };
    private static final ParameterConsumer<Log4jEventMapper> FIRST_PARAMETER = (parameter, index, mapper) -> {
        if (index == 0) {
            mapper.firstParameter = parameter;
        }
    };

    private final CapturedEvent event = new CapturedEvent();
    /** The nesting this mapper was entered from, from {@link #acquire()} to {@link #release()}. */
    private Nesting<Log4jEventMapper> nesting;
    /** Scratch slot of {@link #firstParameter(Message)}. */
    private Object firstParameter;
    /**
     * The event's throwable, and the index of its message's last parameter, while the parameters are
     * added: log4j2 keeps a throwable that no placeholder takes as the last parameter as well, which
     * would store it twice, once as an argument (logback's events leave it out of their arguments).
     */
    private Throwable thrown;
    private int lastParameter;
    /** Scratch slot of {@link #rendersAny}. */
    private boolean anyRendered;

    private Log4jEventMapper() {
        BUILT.incrementAndGet();
    }

    static int built() {
        return BUILT.get();
    }

    /**
     * A mapper of this thread's that is not in use: its first, or one of its own for an event logged while
     * this thread captures another; {@code null} when {@link Nesting#MAX_NESTED} events are nested in the
     * one captured first already: the caller drops the event and counts it. An argument that logs itself
     * whenever it is rendered would otherwise recurse until the stack overflows where nothing else guards
     * (log4j2's appender control does; a bound here does not depend on it).
     */
    public static Log4jEventMapper acquire() {
        Nesting<Log4jEventMapper> nesting = PER_THREAD.acquire();
        Log4jEventMapper mapper = nesting.enter();
        if (mapper == null) {
            PER_THREAD.release(nesting);
            return null;
        }
        mapper.nesting = nesting;
        return mapper;
    }

    /** Gives the mapper back, dropping its references to the application's objects. */
    public void release() {
        event.reset();
        Nesting<Log4jEventMapper> from = nesting;
        nesting = null;
        from.exit(this);
        PER_THREAD.release(from); // last: a virtual thread's mappers are lent to other threads once given back
    }

    public CapturedEvent map(LogEvent source, boolean includeCallerData) {
        CapturedEvent e = event.reset();
        Instant instant = source.getInstant();
        if (instant != null) {
            e.timestamp(instant.getEpochSecond(), instant.getNanoOfSecond());
        } else {
            e.timestampMillis(source.getTimeMillis());
        }
        e.level(level(source.getLevel())).logger(source.getLoggerName()).thread(source.getThreadName());
        Throwable thrown = source.getThrown();
        this.thrown = thrown;
        message(e, source.getMessage());
        this.thrown = null;
        ReadOnlyStringMap context = source.getContextData();
        if (context != null && !context.isEmpty()) {
            context.forEach(CONTEXT_ENTRY, e);
        }
        addMarker(e, source.getMarker(), 0);
        if (thrown != null) {
            e.throwable(ThrowableInfo.from(thrown, MessageStyle.LOG4J2));
        }
        if (includeCallerData) {
            StackTraceElement caller = source.getSource();
            if (caller != null) {
                e.addCallerFrame(caller.toString());
            }
        }
        return e;
    }

    private void message(CapturedEvent e, Message message) {
        if (message == null) {
            e.message(null, MessageStyle.LITERAL);
        } else if (message instanceof ReusableParameterizedMessage || message instanceof ParameterizedMessage) {
            e.message(message.getFormat(), MessageStyle.LOG4J2);
            addParameters(message);
        } else if (message instanceof ReusableSimpleMessage || message instanceof SimpleMessage) {
            e.message(message.getFormattedMessage(), MessageStyle.LITERAL);
        } else if (message instanceof ReusableObjectMessage) {
            e.message(message.getFormattedMessage(), MessageStyle.LITERAL);
        } else if (isFlattened(message)) {
            flattened(e, message);
        } else {
            formatted(e, message);
        }
    }

    /** A message log4j2 copied into its event: format, parameters and text, without its original type. */
    private static boolean isFlattened(Message message) {
        return message instanceof ReusableMessage || message.getClass().getName().equals(
                "org.apache.logging.log4j.core.impl.MementoMessage");
    }

    private void flattened(CapturedEvent e, Message message) {
        String format = message.getFormat();
        if (format == null) {
            // a CharSequence or non-String object: only the text is left
            e.message(message.getFormattedMessage(), MessageStyle.LITERAL);
            return;
        }
        int count = parameterCount(message);
        if (count == 0 || (count == 1 && firstParameter(message) == format)) {
            // a simple message, or an object message of a String: the format is the text
            e.message(format, MessageStyle.LITERAL);
            if (!sameText(message, format)) {
                e.formattedMessage(message.getFormattedMessage());
            }
            return;
        }
        e.message(format, MessageStyle.LOG4J2);
        addParameters(message);
    }

    /** True when the message's text is {@code format}, compared without building the text where possible. */
    private static boolean sameText(Message message, String format) {
        if (message instanceof CharSequence) {
            return format.contentEquals((CharSequence) message);
        }
        return format.equals(message.getFormattedMessage());
    }

    private static int parameterCount(Message message) {
        if (message instanceof ReusableMessage) {
            return ((ReusableMessage) message).getParameterCount();
        }
        Object[] parameters = message.getParameters();
        return parameters == null ? 0 : parameters.length;
    }

    private Object firstParameter(Message message) {
        if (message instanceof ParameterVisitable) {
            firstParameter = null;
            ((ParameterVisitable) message).forEachParameter(FIRST_PARAMETER, this);
            Object first = firstParameter;
            firstParameter = null;
            return first;
        }
        Object[] parameters = message.getParameters();
        return parameters == null || parameters.length == 0 ? null : parameters[0];
    }

    /** Adds the message's parameters to the event as its arguments, but the event's throwable as the last one. */
    private void addParameters(Message message) {
        lastParameter = parameterCount(message) - 1;
        if (!(message instanceof ReusableParameterizedMessage) && rendersAny(message)) {
            // log4j2 formatted the message already (a log event's copy, or a ParameterizedMessage, which
            // keeps its text): the objects' text comes from there, with no second call of their toString().
            // A ReusableParameterizedMessage would format itself again, so it is left out.
            event.renderedBy(message.getFormattedMessage());
        }
        if (message instanceof ParameterVisitable) {
            ((ParameterVisitable) message).forEachParameter(PARAMETER, this);
            return;
        }
        Object[] parameters = message.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                PARAMETER.accept(parameters[i], i, this);
            }
        }
    }

    /** True when a parameter that becomes an argument is rendered by its toString() ({@link CapturedEvent#isRendered}). */
    private boolean rendersAny(Message message) {
        anyRendered = false;
        if (message instanceof ParameterVisitable) {
            ((ParameterVisitable) message).forEachParameter(RENDERED, this);
        } else {
            Object[] parameters = message.getParameters();
            for (int i = 0; parameters != null && i < parameters.length; i++) {
                RENDERED.accept(parameters[i], i, this);
            }
        }
        return anyRendered;
    }

    /** A message of another kind: its format as template (when it has one) and its text. */
    private static void formatted(CapturedEvent e, Message message) {
        String text = message.getFormattedMessage();
        String format = message.getFormat();
        if (format == null || format.isEmpty() || format.equals(text)) {
            e.message(text, MessageStyle.LITERAL);
        } else {
            e.message(format, MessageStyle.LITERAL).formattedMessage(text);
        }
    }

    /** Adds a marker and its parents, once each: {@code marker.isInstanceOf(parent)} is true for those too. */
    private static void addMarker(CapturedEvent e, Marker marker, int depth) {
        if (marker == null || depth > MAX_MARKER_DEPTH) {
            return;
        }
        String name = String.valueOf(marker.getName());
        for (int i = 0; i < e.markerCount(); i++) {
            if (e.marker(i).equals(name)) {
                return;
            }
        }
        e.addMarker(name);
        if (marker.hasParents()) {
            for (Marker parent : marker.getParents()) {
                addMarker(e, parent, depth + 1);
            }
        }
    }

    static Level level(org.apache.logging.log4j.Level level) {
        int value = level == null ? org.apache.logging.log4j.Level.INFO.intLevel() : level.intLevel();
        if (value <= org.apache.logging.log4j.Level.FATAL.intLevel()) {
            return Level.FATAL;
        }
        if (value <= org.apache.logging.log4j.Level.ERROR.intLevel()) {
            return Level.ERROR;
        }
        if (value <= org.apache.logging.log4j.Level.WARN.intLevel()) {
            return Level.WARN;
        }
        if (value <= org.apache.logging.log4j.Level.INFO.intLevel()) {
            return Level.INFO;
        }
        if (value <= org.apache.logging.log4j.Level.DEBUG.intLevel()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
