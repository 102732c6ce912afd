package io.timberlog.core.internal.io;

/**
 * Unsigned LEB128 variable-length integers (7 bits a byte, low bits first, high bit set on every byte
 * but the last) and zigzag encoding for signed values, as in protobuf. A long takes 1 to 10 bytes.
 */
public final class Varint {
    /** The most bytes a 64-bit varint can take. */
    public static final int MAX_LENGTH = 10;

    private Varint() {
    }

    /** Writes {@code value} as an unsigned varint at {@code offset}; returns the offset after it. */
    public static int write(byte[] buf, int offset, long value) {
        while ((value & ~0x7FL) != 0) {
            buf[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[offset++] = (byte) value;
        return offset;
    }

    /** The number of bytes {@link #write} takes for {@code value}. */
    public static int length(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    public static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    public static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
