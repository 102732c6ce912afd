package io.timberlog.cli.output;

/**
 * Makes text from log data harmless on a terminal. Log content is data: a message may hold escape
 * sequences that retitle the window, clear the screen or fake other lines, and bidi controls that
 * reorder what is shown. Every such character is written as a visible escape instead:
 * C0 controls, DEL and C1 controls (U+0080-U+009F, which includes the one-byte CSI U+009B) as
 * {@code \x1b}, the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks
 * U+200E, U+200F and U+061C, the line and paragraph separators U+2028 and U+2029, and unpaired
 * surrogates as a backslash, {@code u} and four hex digits. Newline and tab are kept where a format allows multi-line text.
 */
public final class SafeText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /** True when {@code c} must not reach a terminal as it is. */
    public static boolean isUnsafe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return c <= 0x9f || c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c);
    }

    /**
     * Appends {@code s} with every unsafe character escaped; with {@code multiLine}, newlines and tabs
     * are kept as they are.
     */
    public static void appendVisible(StringBuilder sb, CharSequence text, boolean multiLine) {
        String s = text.toString(); // String.charAt is twice as fast as an interface call per char
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (!isUnsafe(c) || (multiLine && (c == '\n' || c == '\t'))) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            sb.append(s, start, i);
            escape(sb, c);
            start = i + 1;
        }
        sb.append(s, start, n);
    }

    /**
     * Escapes, in place, every unsafe character of what {@code sb} holds from {@code from} on, as
     * {@link #appendVisible} would have appended it: text that was appended straight into the buffer.
     *
     * @return false when that text was printable ASCII alone (by far the most text), and so holds no newline
     */
    public static boolean makeVisible(StringBuilder sb, int from, boolean multiLine) {
        int n = sb.length();
        for (int i = from; i < n; i++) {
            char c = sb.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                String tail = sb.substring(i);
                sb.setLength(i);
                appendVisible(sb, tail, multiLine);
                return true;
            }
        }
        return false;
    }

    /** The escape of one unsafe character: {@code \n}, {@code \t}, {@code \r}, {@code \x1b}, or backslash-u and four hex digits. */
    static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '\n': sb.append("\\n"); return;
            case '\t': sb.append("\\t"); return;
            case '\r': sb.append("\\r"); return;
            default:
                if (c <= 0xff) {
                    sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                            .append(HEX[c & 0xf]);
                }
        }
    }

    /**
     * Appends {@code s} as a JSON string (RFC 8259): quotes, backslashes and C0 controls escaped as the
     * RFC requires, and, so that a terminal showing the JSON is safe too, DEL, C1, bidi controls,
     * U+2028/U+2029 (which also break JavaScript) as backslash-u escapes. An unpaired surrogate is not
     * a character: it becomes U+FFFD, the replacement character, since {@code jq} and other strict readers
     * reject the escape of one, and with it every line after it.
     */
    public static void appendJson(StringBuilder sb, CharSequence text) {
        String s = text.toString();
        sb.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                continue;
            }
            if (c != '"' && c != '\\' && !isUnsafe(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            sb.append(s, start, i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (Character.isSurrogate(c)) {
                        sb.append("\\ufffd");
                        break;
                    }
                    sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                            .append(HEX[c & 0xf]);
            }
            start = i + 1;
        }
        sb.append(s, start, n).append('"');
    }
}
