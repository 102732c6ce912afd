package io.timberlog.core;

import io.timberlog.core.internal.format.ArgumentRenderer;
import io.timberlog.core.internal.format.RenderedArguments;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event on its way into the store, filled in by an appender or the agent and handed to
 * {@link LogStore#append}. It is mutable and meant to be reused: keep one per thread, call
 * {@link #reset()} before filling it, and it allocates nothing once its arrays have grown to the
 * largest event seen. Fields hold references to the caller's strings; nothing is copied until the
 * store encodes the event.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class CapturedEvent {
    private static final int INITIAL_CAPACITY = 8;
    private static final int NANOS_PER_SECOND = 1_000_000_000;

    private long epochNanos;
    /** Whether a time was given: any value is a time, 0 (1970-01-01T00:00:00Z) included. */
    private boolean timestamped;
    private Level level = Level.INFO;
    private String logger = "";
    private String thread = "";
    private String template = "";
    private MessageStyle style = MessageStyle.LITERAL;
    private String formattedMessage;
    private ThrowableInfo throwable;

    private int argCount;
    private ValueKind[] argKinds = new ValueKind[INITIAL_CAPACITY];
    private long[] argBits = new long[INITIAL_CAPACITY];
    private String[] argTexts = new String[INITIAL_CAPACITY];
    /**
     * The message as the framework formatted it ({@link #renderedBy}), and the arguments that take their
     * text from it, held until it is read ({@code null} entries for the others).
     */
    private String renderedMessage;
    private Object[] pendingObjects;
    private boolean pending;

    private int mdcCount;
    private String[] mdcKeys = new String[INITIAL_CAPACITY];
    private String[] mdcValues = new String[INITIAL_CAPACITY];

    private int markerCount;
    private String[] markers = new String[INITIAL_CAPACITY];

    private int kvCount;
    private String[] kvKeys = new String[INITIAL_CAPACITY];
    private ValueKind[] kvKinds = new ValueKind[INITIAL_CAPACITY];
    private long[] kvBits = new long[INITIAL_CAPACITY];
    private String[] kvTexts = new String[INITIAL_CAPACITY];

    private int callerCount;
    private String[] callerFrames = new String[INITIAL_CAPACITY];

    /** Clears every field so the instance can describe the next event. */
    public CapturedEvent reset() {
        epochNanos = 0;
        timestamped = false;
        level = Level.INFO;
        logger = "";
        thread = "";
        template = "";
        style = MessageStyle.LITERAL;
        formattedMessage = null;
        throwable = null;
        renderedMessage = null;
        // Drop the references so the application's strings are not kept alive by an idle thread.
        for (int i = 0; i < argCount; i++) {
            argTexts[i] = null;
            if (pendingObjects != null) {
                pendingObjects[i] = null;
            }
        }
        pending = false;
        argCount = 0;
        for (int i = 0; i < mdcCount; i++) {
            mdcKeys[i] = null;
            mdcValues[i] = null;
        }
        mdcCount = 0;
        for (int i = 0; i < markerCount; i++) {
            markers[i] = null;
        }
        markerCount = 0;
        for (int i = 0; i < kvCount; i++) {
            kvKeys[i] = null;
            kvTexts[i] = null;
        }
        kvCount = 0;
        for (int i = 0; i < callerCount; i++) {
            callerFrames[i] = null;
        }
        callerCount = 0;
        return this;
    }

    /** Time of the event in nanoseconds since the epoch (use full precision where the framework has it). */
    public CapturedEvent timestamp(long epochNanos) {
        this.epochNanos = epochNanos;
        this.timestamped = true;
        return this;
    }

    /**
     * Time of the event from seconds and nano adjustment, as {@link java.time.Instant} holds it. A time
     * stored as epoch nanoseconds lies between 1677-09-21 and 2262-04-11: one set before or after (an
     * event stamped by hand) is stored as the first or the last of them, so that it still sorts and
     * filters as the earliest or latest, rather than wrapping around to a time in between.
     */
    public CapturedEvent timestamp(long epochSecond, int nanoAdjustment) {
        try {
            long second = Math.addExact(epochSecond, Math.floorDiv(nanoAdjustment, NANOS_PER_SECOND));
            long nanos = Math.floorMod(nanoAdjustment, NANOS_PER_SECOND);
            if (second < 0 && nanos > 0) { // so that the product does not overflow where the sum would not
                second++;
                nanos -= NANOS_PER_SECOND;
            }
            this.epochNanos = Math.addExact(Math.multiplyExact(second, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException beyond) {
            this.epochNanos = epochSecond < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        this.timestamped = true;
        return this;
    }

    /** Time of the event in milliseconds since the epoch; beyond what nanoseconds hold as for {@link #timestamp(long, int)}. */
    public CapturedEvent timestampMillis(long epochMillis) {
        return timestamp(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000);
    }

    public CapturedEvent level(Level level) {
        this.level = level == null ? Level.INFO : level;
        return this;
    }

    public CapturedEvent logger(String logger) {
        this.logger = logger == null ? "" : logger;
        return this;
    }

    public CapturedEvent thread(String thread) {
        this.thread = thread == null ? "" : thread;
        return this;
    }

    /**
     * The message as written in the code ({@code "order {} took {} ms"}) and the rules that turn it and
     * the arguments into the formatted message. A {@code null} template is stored as the text
     * {@code "null"}, which is what the frameworks print for it.
     */
    public CapturedEvent message(String template, MessageStyle style) {
        this.template = template == null ? "null" : template;
        this.style = style == null ? MessageStyle.LITERAL : style;
        return this;
    }

    /**
     * The formatted message, given only when the store cannot reproduce it from the template and
     * arguments (a message type of the framework that is not parameterized, or formatting rules the
     * store does not know). When set, it is stored and returned verbatim.
     */
    public CapturedEvent formattedMessage(String formattedMessage) {
        this.formattedMessage = formattedMessage;
        return this;
    }

    /**
     * The exception logged with the event, described with {@link ThrowableInfo#from(Throwable, MessageStyle)}
     * for the same style as {@link #message}: the frameworks walk an exception's causes and suppressed
     * exceptions in different orders, and the description records the walk of the one that prints it.
     */
    public CapturedEvent throwable(ThrowableInfo throwable) {
        this.throwable = throwable;
        return this;
    }

    /**
     * The message as the logging framework formatted it (or will, for its own output), when the caller
     * has it at no cost. Arguments added after this that are objects (not numbers, booleans or strings)
     * then take their text from it instead of from a second call of their {@code toString()}: a call
     * that may be slow, give another text the second time, or log (and so recurse) itself. Where the
     * text cannot be found in it, the object is rendered as without it.
     */
    public CapturedEvent renderedBy(String message) {
        this.renderedMessage = message;
        return this;
    }

    /**
     * True when {@link #addArgument(Object)} renders {@code value} as text, by its {@code toString()}:
     * anything but {@code null}, a boxed integer, float, double or boolean, and a string. A caller
     * passes {@link #renderedBy} only when one of its arguments is such, since it may cost a message.
     */
    public static boolean isRendered(Object value) {
        return value != null && !(value instanceof String) && !(value instanceof Integer) && !(value instanceof Long)
                && !(value instanceof Short) && !(value instanceof Byte) && !(value instanceof Double)
                && !(value instanceof Float) && !(value instanceof Boolean);
    }

    /**
     * Adds an argument, keeping integers, floating point numbers and booleans typed and rendering
     * anything else as the current {@link #message message style}'s framework would (arrays, maps,
     * dates, a {@code toString()} that throws). Call after {@link #message}.
     */
    public CapturedEvent addArgument(Object value) {
        ensureArgCapacity();
        int i = argCount++;
        argTexts[i] = null;
        argBits[i] = 0;
        ValueKind kind = typed(value, i, argBits, argTexts);
        if (kind == null) {
            kind = renderedMessage != null ? defer(value, i) : render(value, i, argTexts);
        }
        argKinds[i] = kind;
        return this;
    }

    public CapturedEvent addArgument(long value) {
        return addRawArgument(ValueKind.INTEGER, value, null);
    }

    public CapturedEvent addArgument(double value) {
        return addRawArgument(ValueKind.DOUBLE, Double.doubleToRawLongBits(value), null);
    }

    public CapturedEvent addArgument(float value) {
        return addRawArgument(ValueKind.FLOAT, Float.floatToRawIntBits(value), null);
    }

    public CapturedEvent addArgument(boolean value) {
        return addRawArgument(ValueKind.BOOLEAN, value ? 1 : 0, null);
    }

    /** Adds an argument whose {@code toString()} failed, with the text the framework prints in its place. */
    public CapturedEvent addFailedArgument(String placeholder) {
        return addRawArgument(ValueKind.FAILED_TO_STRING, 0, Objects.requireNonNull(placeholder, "placeholder"));
    }

    private CapturedEvent addRawArgument(ValueKind kind, long bits, String text) {
        ensureArgCapacity();
        int i = argCount++;
        argKinds[i] = kind;
        argBits[i] = bits;
        argTexts[i] = text;
        return this;
    }

    /** Adds an MDC / ThreadContext entry; a {@code null} value is kept as {@code null}. */
    public CapturedEvent putMdc(String key, String value) {
        if (mdcCount == mdcKeys.length) {
            mdcKeys = Arrays.copyOf(mdcKeys, mdcCount * 2);
            mdcValues = Arrays.copyOf(mdcValues, mdcCount * 2);
        }
        mdcKeys[mdcCount] = key == null ? "null" : key;
        mdcValues[mdcCount] = value;
        mdcCount++;
        return this;
    }

    public CapturedEvent addMarker(String name) {
        if (markerCount == markers.length) {
            markers = Arrays.copyOf(markers, markerCount * 2);
        }
        markers[markerCount++] = name == null ? "null" : name;
        return this;
    }

    /** Adds an SLF4J 2 key-value pair; the value is typed as for {@link #addArgument(Object)}. */
    public CapturedEvent addKeyValue(String key, Object value) {
        if (kvCount == kvKeys.length) {
            int n = kvCount * 2;
            kvKeys = Arrays.copyOf(kvKeys, n);
            kvKinds = Arrays.copyOf(kvKinds, n);
            kvBits = Arrays.copyOf(kvBits, n);
            kvTexts = Arrays.copyOf(kvTexts, n);
        }
        int i = kvCount++;
        kvKeys[i] = key == null ? "null" : key;
        kvTexts[i] = null;
        kvBits[i] = 0;
        ValueKind kind = typed(value, i, kvBits, kvTexts);
        // An object is rendered now, also after renderedBy: the framework's message shows the arguments, not
        // the key-value pairs, and what waits for it is kept by argument index.
        kvKinds[i] = kind != null ? kind : render(value, i, kvTexts);
        return this;
    }

    /** Adds one frame of caller data (the text after {@code "at "}), only when the user asked for it. */
    public CapturedEvent addCallerFrame(String frame) {
        if (callerCount == callerFrames.length) {
            callerFrames = Arrays.copyOf(callerFrames, callerCount * 2);
        }
        callerFrames[callerCount++] = frame == null ? "null" : frame;
        return this;
    }

    /** The kind of a value kept typed (null, a number, a boolean, a string), or {@code null} for an object to render. */
    private static ValueKind typed(Object value, int i, long[] bits, String[] texts) {
        if (value == null) {
            return ValueKind.NULL;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            bits[i] = ((Number) value).longValue();
            return ValueKind.INTEGER;
        }
        if (value instanceof Double) {
            bits[i] = Double.doubleToRawLongBits((Double) value);
            return ValueKind.DOUBLE;
        }
        if (value instanceof Float) {
            bits[i] = Float.floatToRawIntBits((Float) value);
            return ValueKind.FLOAT;
        }
        if (value instanceof Boolean) {
            bits[i] = ((Boolean) value) ? 1 : 0;
            return ValueKind.BOOLEAN;
        }
        if (value instanceof String) {
            texts[i] = (String) value;
            return ValueKind.STRING;
        }
        return null;
    }

    /** Holds argument {@code i}, an object, until its text is looked for in the framework's message. */
    private ValueKind defer(Object value, int i) {
        if (pendingObjects == null || pendingObjects.length < argKinds.length) {
            pendingObjects = Arrays.copyOf(pendingObjects == null ? new Object[0] : pendingObjects, argKinds.length);
        }
        pendingObjects[i] = value;
        pending = true;
        return ValueKind.STRING;
    }

    private ValueKind render(Object value, int i, String[] texts) {
        try {
            texts[i] = ArgumentRenderer.render(value, style);
            return ValueKind.STRING;
        } catch (ArgumentRenderer.RenderFailure failure) {
            texts[i] = failure.placeholder();
            return ValueKind.FAILED_TO_STRING;
        }
    }

    /**
     * Gives the arguments held for {@link #renderedBy} their text: the message is cut along the
     * template's literal text, the known arguments' texts checked where they stand. Any that cannot be
     * found so (an argument no placeholder shows, a message that does not fit) is rendered itself.
     */
    private void resolvePending() {
        pending = false;
        if (pendingObjects.length < argCount) { // arguments added after the last object
            pendingObjects = Arrays.copyOf(pendingObjects, argCount);
        }
        String[] found = RenderedArguments.find(renderedMessage, template, style, argCount, argKinds, argBits, argTexts,
                pendingObjects);
        for (int i = 0; i < argCount; i++) {
            if (pendingObjects[i] != null) {
                if (found != null && found[i] != null) {
                    argTexts[i] = found[i];
                } else {
                    argKinds[i] = render(pendingObjects[i], i, argTexts);
                }
                pendingObjects[i] = null;
            }
        }
    }

    private void ensureArgCapacity() {
        if (argCount == argKinds.length) {
            int n = argCount * 2;
            argKinds = Arrays.copyOf(argKinds, n);
            argBits = Arrays.copyOf(argBits, n);
            argTexts = Arrays.copyOf(argTexts, n);
        }
    }

    public long epochNanos() {
        return epochNanos;
    }

    /** False until a time is given: the event is then stored with the time it is stored at. */
    public boolean hasTimestamp() {
        return timestamped;
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

    public String template() {
        return template;
    }

    public MessageStyle style() {
        return style;
    }

    /** The formatted message given by the caller, or {@code null} when it is reproduced from the template. */
    public String formattedMessage() {
        return formattedMessage;
    }

    public ThrowableInfo throwable() {
        return throwable;
    }

    public int argumentCount() {
        return argCount;
    }

    public ValueKind argumentKind(int i) {
        if (pending) {
            resolvePending();
        }
        return argKinds[checkIndex(i, argCount)];
    }

    public long argumentBits(int i) {
        return argBits[checkIndex(i, argCount)];
    }

    public String argumentText(int i) {
        if (pending) {
            resolvePending();
        }
        return argTexts[checkIndex(i, argCount)];
    }

    public int mdcCount() {
        return mdcCount;
    }

    public String mdcKey(int i) {
        return mdcKeys[checkIndex(i, mdcCount)];
    }

    public String mdcValue(int i) {
        return mdcValues[checkIndex(i, mdcCount)];
    }

    public int markerCount() {
        return markerCount;
    }

    public String marker(int i) {
        return markers[checkIndex(i, markerCount)];
    }

    public int keyValueCount() {
        return kvCount;
    }

    public String keyValueKey(int i) {
        return kvKeys[checkIndex(i, kvCount)];
    }

    public ValueKind keyValueKind(int i) {
        return kvKinds[checkIndex(i, kvCount)];
    }

    public long keyValueBits(int i) {
        return kvBits[checkIndex(i, kvCount)];
    }

    public String keyValueText(int i) {
        return kvTexts[checkIndex(i, kvCount)];
    }

    public int callerFrameCount() {
        return callerCount;
    }

    public String callerFrame(int i) {
        return callerFrames[checkIndex(i, callerCount)];
    }

    private static int checkIndex(int i, int count) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("index " + i + " out of " + count);
        }
        return i;
    }
}
