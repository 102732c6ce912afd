package io.timberlog.core.internal.segment;

/**
 * The raw (decompressed) payload of an event block: the events stored column by column, so that
 * similar values sit together for the codec and a reader decodes only the columns it needs.
 * FORMAT.md documents the same bytes.
 *
 * <pre>
 * varint  n        events in the block (1..65536)
 * varint  c        number of columns (COLUMN_COUNT)
 * c x varint       byte length of each column, so a reader finds column k without decoding the others
 * the columns, in this order:
 *   SEQUENCE    varint first sequence, then n-1 varint deltas to the previous event's
 *   TIME        zigzag first epoch nanos, varint scale s (greatest common divisor of the deltas,
 *               at least 1), then n-1 zigzag (delta / s)
 *   LEVEL       n bytes: level code | style code &lt;&lt; 4
 *   FLAGS       n varints: the event flags of the WAL's event record (arguments, stored message,
 *               MDC, markers, key-values, throwable, caller, truncated)
 *   LOGGER      n refs
 *   THREAD      n refs
 *   TEMPLATE    n refs
 *   RUN         n varints: 1 + index into the segment's run table, 0 for no run
 *   ARG_COUNT   per event with arguments: varint count
 *   ARG_KIND    per argument, in slot order: u8 value kind (the WAL's VALUE_* codes)
 *   ARG_INT     per INTEGER argument, in slot order: zigzag varint
 *   ARG_FLOAT   per FLOAT argument, in slot order: u32 bits
 *   ARG_DOUBLE  per DOUBLE argument, in slot order: u64 bits
 *   ARG_TEXT    per STRING or FAILED_TO_STRING argument, in slot order: string; per
 *               NUMBERED_STRING argument: its shape, a string
 *   ARG_NUMBERS per NUMBERED_STRING argument, in slot order: one varint per number of its shape
 *   MESSAGE     per event with a stored message: string
 *   MDC_KEYS    per event with MDC: varint count, count x ref
 *   MDC_VALUES  per MDC entry, in the order of MDC_KEYS: nullable string
 *   MARKERS     per event with markers: varint count, count x ref
 *   KEY_VALUES  per event with key-values: varint count, count x (ref key, value)
 *   THROWABLE   per event with a throwable: throwable
 *   CALLER      per event with caller frames: varint count, count x ref
 *
 * ref        varint (dictionary id + 1), or 0 followed by the string inline
 * value      as in the WAL: u8 kind, then by kind (zigzag varint, u32, u64 or string)
 * throwable  as in the WAL, its refs into the segment dictionary
 * </pre>
 *
 * <b>Numbered strings.</b> A string argument with numbers in it ({@code 10.251.73.220},
 * {@code blk_-42}) is stored as its shape, the text with each number replaced by a NUL char, and the
 * numbers as varints: the shape repeats and compresses to almost nothing, the numbers take the bytes
 * their values need. A number is a maximal run of ASCII digits without a leading zero (or a lone
 * {@code 0}) that fits a long, so that it reads back as the same text. Strings that contain a NUL
 * char, or no number, are stored as plain STRING. Kind code {@link #VALUE_NUMBERED_STRING} exists
 * only in segments; readers give the argument back as a STRING value.
 *
 * <b>Slot order.</b> Arguments are grouped by template: the templates in the order of their first
 * event in the block (by their TEMPLATE ref value, so all inline templates form one group), then
 * for each argument position j = 0, 1, ... of that group, the j-th argument of each of the group's
 * events that has more than j arguments, in event order. Values of one parameter of one message sit
 * together: the order ids of {@code "order {} took {} ms"} in one run, the durations in the next.
 */
public final class BlockLayout {
    private BlockLayout() {
    }

    public static final int SEQUENCE = 0;
    public static final int TIME = 1;
    public static final int LEVEL = 2;
    public static final int FLAGS = 3;
    public static final int LOGGER = 4;
    public static final int THREAD = 5;
    public static final int TEMPLATE = 6;
    public static final int RUN = 7;
    public static final int ARG_COUNT = 8;
    public static final int ARG_KIND = 9;
    public static final int ARG_INT = 10;
    public static final int ARG_FLOAT = 11;
    public static final int ARG_DOUBLE = 12;
    public static final int ARG_TEXT = 13;
    public static final int ARG_NUMBERS = 14;
    public static final int MESSAGE = 15;
    public static final int MDC_KEYS = 16;
    public static final int MDC_VALUES = 17;
    public static final int MARKERS = 18;
    public static final int KEY_VALUES = 19;
    public static final int THROWABLE = 20;
    public static final int CALLER = 21;
    public static final int COLUMN_COUNT = 22;

    /** Argument kind of a string stored as shape and numbers (see above); follows the WAL's VALUE_* codes. */
    public static final int VALUE_NUMBERED_STRING = 8;
    /** Stands for a number in a shape. */
    static final char NUMBER_MARK = '\u0000';
    /** Longest digit run taken as a number (19 digits, when at most {@link Long#MAX_VALUE}). */
    static final int MAX_NUMBER_DIGITS = 19;

    static final int STYLE_SHIFT = 4;
    static final int LEVEL_MASK = 0x0F;
}
