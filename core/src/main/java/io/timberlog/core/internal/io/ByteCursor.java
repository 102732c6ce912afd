package io.timberlog.core.internal.io;

import java.util.Arrays;

/**
 * Reads little-endian fields from a byte array region, checking every length and bound against what
 * is really there: whatever the bytes say, a read either succeeds inside the region or throws
 * {@link MalformedDataException}; it never reads outside the region or allocates more than the
 * region holds. Not thread-safe.
 */
public final class ByteCursor {
    private byte[] buf;
    private int pos;
    private int limit;
    /** File position of {@code buf[0]}, so that errors name a position in the file. */
    private long base;
    /**
     * The last string read, and where its bytes are: a column of strings often repeats one (the shape
     * of a numbered string, for every event of a template), which is then not decoded again.
     */
    private String lastString;
    private int lastStringAt;
    private int lastStringLength;

    public ByteCursor reset(byte[] buf, int offset, int limit, long base) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
        this.base = base;
        this.lastString = null;
        return this;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public long filePosition() {
        return base + pos;
    }

    public int u8() throws MalformedDataException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws MalformedDataException {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int i32() throws MalformedDataException {
        need(4);
        int v = Bytes.getInt(buf, pos);
        pos += 4;
        return v;
    }

    public long i64() throws MalformedDataException {
        need(8);
        long v = Bytes.getLong(buf, pos);
        pos += 8;
        return v;
    }

    public long varlong() throws MalformedDataException {
        int p = pos;
        if (limit - p >= Varint.MAX_LENGTH) {
            // the longest varint fits before the limit: no bound check per byte (columns are varints end to end)
            long b = buf[p++];
            if (b >= 0) {
                pos = p;
                return b;
            }
            long result = b & 0x7F;
            for (int shift = 7; shift < 64; shift += 7) {
                b = buf[p++];
                result |= (b & 0x7F) << shift;
                if (b >= 0) {
                    pos = p;
                    return result;
                }
            }
            pos = p;
            throw malformed("varint longer than 10 bytes");
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    /** A varint that must lie in {@code [0, max]}. */
    public int varint(int max, String what) throws MalformedDataException {
        long v = varlong();
        if (v < 0 || v > max) {
            throw malformed(what + " out of range: " + v);
        }
        return (int) v;
    }

    /** A count of items each taking at least {@code minItemBytes}: bounded by the bytes left. */
    public int count(int minItemBytes, String what) throws MalformedDataException {
        return varint(remaining() / Math.max(1, minItemBytes), what);
    }

    /** A length-prefixed WTF-8 string. */
    public String string() throws MalformedDataException {
        // The bound is taken after the length is read: the length's own bytes are not the string's.
        long n = varlong();
        if (n < 0 || n > remaining()) {
            throw malformed("string length out of range: " + n);
        }
        int len = (int) n;
        String s = lastString;
        if (s == null || len != lastStringLength || !Arrays.equals(buf, pos, pos + len, buf, lastStringAt, lastStringAt + len)) {
            s = Wtf8.decode(buf, pos, len);
            lastString = s;
            lastStringAt = pos;
            lastStringLength = len;
        }
        pos += len;
        return s;
    }

    /** A string whose length is prefixed as length + 1, where 0 means {@code null}. */
    public String nullableString() throws MalformedDataException {
        long n = varlong();
        if (n == 0) {
            return null;
        }
        if (n - 1 > remaining() || n < 0) {
            throw malformed("string length out of range: " + (n - 1));
        }
        int len = (int) (n - 1);
        String s = Wtf8.decode(buf, pos, len);
        pos += len;
        return s;
    }

    public void skip(int n) throws MalformedDataException {
        need(n);
        pos += n;
    }

    private void need(int n) throws MalformedDataException {
        if (n < 0 || limit - pos < n) {
            throw malformed("field runs past the end of its record");
        }
    }

    public MalformedDataException malformed(String problem) {
        return new MalformedDataException(problem, base + pos);
    }
}
