package io.timberlog.core.internal.wal;

/**
 * Body of an event record (type {@link WalFormat#RECORD_EVENT}); offsets are from the start of the
 * record. FORMAT.md documents the same bytes.
 *
 * <pre>
 *   8   1  type = 2
 *   9   1  level        Level code
 *  10   1  style        MessageStyle code
 *  11   2  flags        FLAG_* bits
 *  13   8  sequence     u64
 *  21   8  timestamp    i64 epoch nanoseconds
 *  29   .. fields, in this order:
 *          logger       ref
 *          thread       ref
 *          template     ref
 *          [FLAG_ARGUMENTS]      varint n, n x value
 *          [FLAG_STORED_MESSAGE] string
 *          [FLAG_MDC]            varint n, n x (ref key, nullable string value)
 *          [FLAG_MARKERS]        varint n, n x ref
 *          [FLAG_KEY_VALUES]     varint n, n x (ref key, value)
 *          [FLAG_THROWABLE]      throwable
 *          [FLAG_CALLER]         varint n, n x ref
 *
 * ref             varint: an id of the file's dictionary, or 0 followed by an inline string
 * string          varint byte length, WTF-8 bytes
 * nullable string varint (byte length + 1), 0 meaning null, then the bytes
 * value           u8 kind, then: NULL/FALSE/TRUE nothing; INTEGER zigzag varint; FLOAT u32 bits;
 *                 DOUBLE u64 bits; STRING and FAILED_TO_STRING string
 * throwable       ref class name, nullable string message, u8 bits (1 = circular reference,
 *                 2 = has cause, 4 = own toString text), [string toString text],
 *                 varint n frames, n x ref, varint common frames omitted,
 *                 varint n suppressed, n x throwable, [cause throwable]
 * </pre>
 */
public final class EventLayout {
    private EventLayout() {
    }

    public static final int LEVEL_OFFSET = WalFormat.RECORD_BODY_OFFSET;
    public static final int STYLE_OFFSET = LEVEL_OFFSET + 1;
    public static final int FLAGS_OFFSET = STYLE_OFFSET + 1;
    public static final int SEQUENCE_OFFSET = FLAGS_OFFSET + 2;
    public static final int TIMESTAMP_OFFSET = SEQUENCE_OFFSET + 8;
    public static final int FIELDS_OFFSET = TIMESTAMP_OFFSET + 8;

    public static final int FLAG_ARGUMENTS = 1;
    public static final int FLAG_STORED_MESSAGE = 1 << 1;
    public static final int FLAG_MDC = 1 << 2;
    public static final int FLAG_MARKERS = 1 << 3;
    public static final int FLAG_KEY_VALUES = 1 << 4;
    public static final int FLAG_THROWABLE = 1 << 5;
    public static final int FLAG_CALLER = 1 << 6;
    /** Some field was cut to fit the maximum event size; see FORMAT.md for the rules. */
    public static final int FLAG_TRUNCATED = 1 << 7;
    public static final int KNOWN_FLAGS = (1 << 8) - 1;

    public static final int VALUE_NULL = 0;
    public static final int VALUE_FALSE = 1;
    public static final int VALUE_TRUE = 2;
    public static final int VALUE_INTEGER = 3;
    public static final int VALUE_FLOAT = 4;
    public static final int VALUE_DOUBLE = 5;
    public static final int VALUE_STRING = 6;
    public static final int VALUE_FAILED_TO_STRING = 7;

    public static final int THROWABLE_CIRCULAR = 1;
    public static final int THROWABLE_HAS_CAUSE = 2;
    /** The exception's toString() was not {@code class: message}; its text follows. */
    public static final int THROWABLE_TO_STRING = 4;
    /** Causes and suppressed exceptions nest at most this deep; deeper ones are cut (and flagged). */
    public static final int MAX_THROWABLE_DEPTH = 64;
}
