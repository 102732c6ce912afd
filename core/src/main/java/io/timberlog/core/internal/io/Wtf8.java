package io.timberlog.core.internal.io;

/**
 * Encodes Java strings to bytes without loss, even when they are not valid Unicode. Valid text is
 * plain UTF-8; an unpaired surrogate, which UTF-8 cannot express, is written as the 3-byte sequence
 * of its code unit (the "WTF-8" convention), so a string with broken UTF-16 reads back exactly as it
 * was logged. Decoding never throws: a byte sequence that is neither turns into U+FFFD per bad byte.
 */
public final class Wtf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Wtf8() {
    }

    /** The number of bytes {@link #encode} writes for {@code s}. */
    public static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 2 chars -> 4 bytes
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /**
     * Writes at most {@code maxBytes} bytes of {@code s} at {@code offset}, never splitting a character;
     * returns the offset after the last byte written. The caller checks the buffer has room for
     * {@code min(maxBytes, encodedLength(s))} bytes.
     */
    public static int encode(String s, byte[] buf, int offset, int maxBytes) {
        int limit = offset + maxBytes;
        int n = s.length();
        int p = offset;
        int i = 0;
        // Fast path for ASCII, the common case for log text.
        while (i < n && p < limit) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buf[p++] = (byte) c;
            i++;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (p + 1 > limit) {
                    break;
                }
                buf[p++] = (byte) c;
            } else if (c < 0x800) {
                if (p + 2 > limit) {
                    break;
                }
                buf[p++] = (byte) (0xC0 | (c >> 6));
                buf[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (p + 4 > limit) {
                    break;
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[p++] = (byte) (0xF0 | (cp >> 18));
                buf[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (p + 3 > limit) {
                    break;
                }
                buf[p++] = (byte) (0xE0 | (c >> 12));
                buf[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** Decodes {@code length} bytes at {@code offset}. */
    public static String decode(byte[] buf, int offset, int length) {
        int end = offset + length;
        int p = offset;
        while (p < end && buf[p] >= 0) {
            p++;
        }
        if (p == end) {
            return new String(buf, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = offset; i < p; i++) {
            sb.append((char) buf[i]);
        }
        while (p < end) {
            int b = buf[p] & 0xFF;
            if (b < 0x80) {
                sb.append((char) b);
                p++;
            } else if (b >= 0xC2 && b < 0xE0 && p + 1 < end && isContinuation(buf[p + 1])) {
                sb.append((char) (((b & 0x1F) << 6) | (buf[p + 1] & 0x3F)));
                p += 2;
            } else if (b >= 0xE0 && b < 0xF0 && p + 2 < end && isContinuation(buf[p + 1]) && isContinuation(buf[p + 2])) {
                int c = ((b & 0x0F) << 12) | ((buf[p + 1] & 0x3F) << 6) | (buf[p + 2] & 0x3F);
                if (c < 0x800) {
                    sb.append(REPLACEMENT); // overlong encoding
                    p++;
                } else {
                    sb.append((char) c); // includes lone surrogates, written on purpose by encode
                    p += 3;
                }
            } else if (b >= 0xF0 && b < 0xF5 && p + 3 < end && isContinuation(buf[p + 1])
                    && isContinuation(buf[p + 2]) && isContinuation(buf[p + 3])) {
                int cp = ((b & 0x07) << 18) | ((buf[p + 1] & 0x3F) << 12) | ((buf[p + 2] & 0x3F) << 6)
                        | (buf[p + 3] & 0x3F);
                if (cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    sb.append(REPLACEMENT);
                    p++;
                } else {
                    sb.append(Character.highSurrogate(cp)).append(Character.lowSurrogate(cp));
                    p += 4;
                }
            } else {
                sb.append(REPLACEMENT);
                p++;
            }
        }
        return sb.toString();
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
