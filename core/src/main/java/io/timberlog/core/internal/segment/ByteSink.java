package io.timberlog.core.internal.segment;

import io.timberlog.core.internal.io.Bytes;
import io.timberlog.core.internal.io.Varint;
import io.timberlog.core.internal.io.Wtf8;

import java.util.Arrays;

/** A growable byte array that the segment writer fills with varints, strings and fixed-width integers. Not thread-safe. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        Bytes.putInt(buf, size, v);
        size += 4;
    }

    void i64(long v) {
        ensure(8);
        Bytes.putLong(buf, size, v);
        size += 8;
    }

    void varint(long v) {
        ensure(Varint.MAX_LENGTH);
        size = Varint.write(buf, size, v);
    }

    void zigzag(long v) {
        varint(Varint.zigzag(v));
    }

    /** Varint byte length, then the WTF-8 bytes. */
    void string(String s) {
        int length = Wtf8.encodedLength(s);
        varint(length);
        ensure(length);
        size = Wtf8.encode(s, buf, size, length);
    }

    /** Varint (byte length + 1), 0 meaning {@code null}, then the bytes. */
    void nullableString(String s) {
        if (s == null) {
            varint(0);
            return;
        }
        int length = Wtf8.encodedLength(s);
        varint(length + 1L);
        ensure(length);
        size = Wtf8.encode(s, buf, size, length);
    }

    void bytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, size, length);
        size += length;
    }

    void append(ByteSink other) {
        bytes(other.buf, 0, other.size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
