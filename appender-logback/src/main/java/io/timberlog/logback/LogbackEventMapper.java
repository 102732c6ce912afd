package io.timberlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.Nesting;
import io.timberlog.core.PerThread;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Turns a logback event into a {@link CapturedEvent}. One per thread (lent to virtual threads), reused:
 * in steady state it allocates nothing for an event without an exception (MDC entries are visited with a
 * {@code forEach} that needs no iterator, lists are walked by index). The exception is taken from
 * logback's own {@link IThrowableProxy}, so that it prints as logback printed it (see
 * {@link LogbackThrowables}).
 *
 * <p>Public for the TimberLog agent, which captures with this same mapping (a relocated copy of it);
 * not an API for applications. Not thread-safe: {@link #acquire()} hands each thread its own.
 */
public final class LogbackEventMapper implements BiConsumer<String, String> {
    /** Markers nested deeper than this are not followed (slf4j forbids cycles; a custom Marker may not). */
    private static final int MAX_MARKER_DEPTH = 8;
    /** How many mappers were built: the tests check that virtual threads reuse them. */
    private static final AtomicInteger BUILT = new AtomicInteger();
    /**
     * Not a ThreadLocal: an application server's threads would keep a redeployed application alive.
     * Virtual threads borrow theirs from it, from {@link #acquire()} to {@link #release()}. Capturing an
     * event may log another on the same thread (an argument's toString()), which gets a mapper of its own.
     */
    private static final PerThread<Nesting<LogbackEventMapper>> PER_THREAD =
            new PerThread<>(() -> new Nesting<>(LogbackEventMapper::new));

    private final CapturedEvent event = new CapturedEvent();
    /** The nesting this mapper was entered from, from {@link #acquire()} to {@link #release()}. */
    private Nesting<LogbackEventMapper> nesting;

    private LogbackEventMapper() {
        BUILT.incrementAndGet();
    }

    static int built() {
        return BUILT.get();
    }

    /**
     * A mapper of this thread's that is not in use: its first, or one of its own for an event logged while
     * this thread captures another; {@code null} when {@link Nesting#MAX_NESTED} events are nested in the
     * one captured first already: the caller drops the event and counts it. An argument that logs itself
     * whenever it is rendered would otherwise recurse until the stack overflows where the framework has
     * no guard of its own (logback 1.5 has none for an UnsynchronizedAppenderBase).
     */
    public static LogbackEventMapper acquire() {
        Nesting<LogbackEventMapper> nesting = PER_THREAD.acquire();
        LogbackEventMapper mapper = nesting.enter();
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
        Nesting<LogbackEventMapper> from = nesting;
        nesting = null;
        from.exit(this);
        PER_THREAD.release(from); // last: a virtual thread's mappers are lent to other threads once given back
    }

    private static boolean rendersAny(Object[] arguments) {
        for (Object argument : arguments) {
            if (CapturedEvent.isRendered(argument)) {
                return true;
            }
        }
        return false;
    }

    public CapturedEvent map(ILoggingEvent source, boolean includeCallerData) {
        CapturedEvent e = event.reset();
        Instant instant = source.getInstant();
        if (instant != null) {
            e.timestamp(instant.getEpochSecond(), instant.getNano());
        } else {
            e.timestampMillis(source.getTimeStamp());
        }
        e.level(level(source.getLevel())).logger(source.getLoggerName()).thread(source.getThreadName());
        e.message(source.getMessage(), MessageStyle.SLF4J);
        Object[] arguments = source.getArgumentArray();
        if (arguments != null) {
            if (rendersAny(arguments)) {
                // logback formats the message once (for its other appenders, or now) and keeps it: the
                // objects' text comes from there, with no second call of their toString()
                e.renderedBy(source.getFormattedMessage());
            }
            for (Object argument : arguments) {
                e.addArgument(argument);
            }
        }
        Map<String, String> mdc = source.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            mdc.forEach(this);
        }
        List<Marker> markers = source.getMarkerList();
        if (markers != null) {
            for (int i = 0; i < markers.size(); i++) {
                addMarker(markers.get(i), 0);
            }
        }
        List<KeyValuePair> keyValues = source.getKeyValuePairs();
        if (keyValues != null) {
            for (int i = 0; i < keyValues.size(); i++) {
                KeyValuePair pair = keyValues.get(i);
                if (pair != null) {
                    e.addKeyValue(pair.key, pair.value);
                }
            }
        }
        IThrowableProxy proxy = source.getThrowableProxy();
        if (proxy != null) {
            e.throwable(LogbackThrowables.describe(proxy));
        }
        if (includeCallerData) {
            StackTraceElement[] callerData = source.getCallerData();
            if (callerData != null) {
                for (StackTraceElement frame : callerData) {
                    e.addCallerFrame(String.valueOf(frame));
                }
            }
        }
        return e;
    }

    /** One MDC entry. */
    @Override
    public void accept(String key, String value) {
        event.putMdc(key, value);
    }

    /**
     * Adds a marker and the markers it refers to, once each: SLF4J's {@code marker.contains(name)} is
     * true for those too, so a query for a marker finds what a filter on it finds.
     */
    private void addMarker(Marker marker, int depth) {
        if (marker == null || depth > MAX_MARKER_DEPTH) {
            return;
        }
        String name = String.valueOf(marker.getName());
        for (int i = 0; i < event.markerCount(); i++) {
            if (event.marker(i).equals(name)) {
                return;
            }
        }
        event.addMarker(name);
        if (marker.hasReferences()) {
            for (Iterator<Marker> references = marker.iterator(); references.hasNext(); ) {
                addMarker(references.next(), depth + 1);
            }
        }
    }

    static Level level(ch.qos.logback.classic.Level level) {
        int value = level == null ? ch.qos.logback.classic.Level.INFO_INT : level.levelInt;
        if (value >= ch.qos.logback.classic.Level.ERROR_INT) {
            return Level.ERROR;
        }
        if (value >= ch.qos.logback.classic.Level.WARN_INT) {
            return Level.WARN;
        }
        if (value >= ch.qos.logback.classic.Level.INFO_INT) {
            return Level.INFO;
        }
        if (value >= ch.qos.logback.classic.Level.DEBUG_INT) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
