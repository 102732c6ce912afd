package io.timberlog.core.internal.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON (RFC 8259, UTF-8) token by token, strictly: anything that is not JSON, a field named twice
 * in one object, nesting deeper than {@link #MAX_DEPTH}, a string longer than {@link #MAX_STRING} chars
 * or a number longer than {@link #MAX_NUMBER} chars is {@link MalformedJsonException}. It reads
 * {@code manifest.json}, a small file read at every store's opening, where a general JSON library cost
 * more to load and start than the file costs to read. Not thread-safe.
 */
final class JsonReader {
    static final int MAX_DEPTH = 8;
    static final int MAX_STRING = 1 << 16;
    static final int MAX_NUMBER = 20;

    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, NUMBER, TRUE, FALSE, NULL }

    /** JSON that is not well formed, or beyond the limits. */
    static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message, int at) {
            super(message + " at byte " + at, null, false, false);
        }
    }

    /** An object or array being read: its field names, and whether a value or name is due next. */
    private static final class Scope {
        final boolean object;
        final Set<String> names;
        boolean empty = true;
        /** In an object: a name was read and its value is due. */
        boolean valueDue;

        Scope(boolean object) {
            this.object = object;
            this.names = object ? new HashSet<>() : null;
        }
    }

    private final byte[] in;
    private int pos;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private boolean started;
    private Token current;
    private String name;
    private String text;
    private long number;
    private boolean numberIsLong;

    JsonReader(byte[] in) {
        this.in = in;
    }

    Token current() {
        return current;
    }

    /** The name of the last {@link Token#FIELD_NAME}. */
    String name() {
        return name;
    }

    /** The value of the current {@link Token#STRING}. */
    String text() {
        return text;
    }

    /** True when the current {@link Token#NUMBER} is an integer that fits a long. */
    boolean isLong() {
        return numberIsLong;
    }

    long longValue() {
        return number;
    }

    /** The next token; {@code null} once the one value of the input has been read and only white space is left. */
    Token next() throws MalformedJsonException {
        skipWhitespace();
        Scope scope = scopes.peek();
        if (scope == null) {
            if (started) {
                if (pos < in.length) {
                    throw new MalformedJsonException("content after the end of the value", pos);
                }
                return current = null;
            }
            started = true;
            return current = value();
        }
        if (pos >= in.length) {
            throw new MalformedJsonException("unexpected end of input", pos);
        }
        byte b = in[pos];
        if (scope.object && !scope.valueDue) {
            if (b == '}') {
                pos++;
                return current = close(Token.END_OBJECT);
            }
            if (!scope.empty) {
                expect(',');
                skipWhitespace();
            }
            scope.empty = false;
            if (pos >= in.length || in[pos] != '"') {
                throw new MalformedJsonException("a field name expected", pos);
            }
            name = string();
            if (!scope.names.add(name)) {
                throw new MalformedJsonException("field '" + visible(name) + "' twice in one object", pos);
            }
            skipWhitespace();
            expect(':');
            scope.valueDue = true;
            return current = Token.FIELD_NAME;
        }
        if (scope.object) {
            scope.valueDue = false;
        } else {
            if (b == ']') {
                pos++;
                return current = close(Token.END_ARRAY);
            }
            if (!scope.empty) {
                expect(',');
                skipWhitespace();
            }
            scope.empty = false;
        }
        return current = value();
    }

    /** Skips what the current {@link Token#START_OBJECT} or {@link Token#START_ARRAY} holds, to its end. */
    void skipChildren() throws MalformedJsonException {
        if (current != Token.START_OBJECT && current != Token.START_ARRAY) {
            return;
        }
        int depth = scopes.size();
        while (scopes.size() >= depth) {
            if (next() == null) {
                throw new MalformedJsonException("unexpected end of input", pos);
            }
        }
    }

    private Token close(Token end) {
        scopes.pop();
        return end;
    }

    private Token value() throws MalformedJsonException {
        if (pos >= in.length) {
            throw new MalformedJsonException("a value expected", pos);
        }
        byte b = in[pos];
        switch (b) {
            case '{':
            case '[':
                if (scopes.size() == MAX_DEPTH) {
                    throw new MalformedJsonException("nested deeper than " + MAX_DEPTH, pos);
                }
                pos++;
                scopes.push(new Scope(b == '{'));
                return b == '{' ? Token.START_OBJECT : Token.START_ARRAY;
            case '"':
                text = string();
                return Token.STRING;
            case 't':
                literal("true");
                return Token.TRUE;
            case 'f':
                literal("false");
                return Token.FALSE;
            case 'n':
                literal("null");
                return Token.NULL;
            default:
                number();
                return Token.NUMBER;
        }
    }

    private void literal(String word) throws MalformedJsonException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                throw new MalformedJsonException("not a JSON value", pos);
            }
        }
        pos += word.length();
    }

    /** A number as RFC 8259 writes it; an integer that fits a long also as {@link #longValue}. */
    private void number() throws MalformedJsonException {
        int start = pos;
        if (pos < in.length && in[pos] == '-') {
            pos++;
        }
        int intStart = pos;
        if (pos < in.length && in[pos] == '0') {
            pos++;
        } else if (!digits()) {
            throw new MalformedJsonException("not a JSON value", start);
        }
        int intEnd = pos;
        boolean integer = true;
        if (pos < in.length && in[pos] == '.') {
            pos++;
            integer = false;
            if (!digits()) {
                throw new MalformedJsonException("digits expected after the decimal point", pos);
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            integer = false;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                throw new MalformedJsonException("digits expected in the exponent", pos);
            }
        }
        if (pos - start > MAX_NUMBER) {
            throw new MalformedJsonException("a number longer than " + MAX_NUMBER + " chars", start);
        }
        numberIsLong = false;
        if (integer) {
            boolean negative = start < intStart;
            long v = 0;
            boolean fits = true;
            for (int i = intStart; i < intEnd && fits; i++) {
                int d = in[i] - '0';
                // Accumulated as a negative number: Long.MIN_VALUE has no positive counterpart.
                fits = v >= (Long.MIN_VALUE + d) / 10;
                v = v * 10 - d;
            }
            if (fits && (negative || v != Long.MIN_VALUE)) {
                number = negative ? v : -v;
                numberIsLong = true;
            }
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    /** A string at {@code pos} (its opening quote), escapes resolved, its UTF-8 checked. */
    private String string() throws MalformedJsonException {
        int start = pos++;
        StringBuilder sb = null;
        int run = pos;
        while (true) {
            if (pos >= in.length) {
                throw new MalformedJsonException("a string without its closing quote", start);
            }
            byte b = in[pos];
            if (b == '"') {
                String s = sb == null ? utf8(run, pos) : sb.append(utf8(run, pos)).toString();
                pos++;
                if (s.length() > MAX_STRING) {
                    throw new MalformedJsonException("a string longer than " + MAX_STRING + " chars", start);
                }
                return s;
            }
            if (b >= 0 && b < 0x20) {
                throw new MalformedJsonException("a control character in a string", pos);
            }
            if (pos - start > 6L * MAX_STRING) { // six bytes at most per char (an escape): too long already
                throw new MalformedJsonException("a string longer than " + MAX_STRING + " chars", start);
            }
            if (b == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(utf8(run, pos));
                pos++;
                sb.append(escape());
                run = pos;
                if (sb.length() > MAX_STRING) {
                    throw new MalformedJsonException("a string longer than " + MAX_STRING + " chars", start);
                }
            } else {
                pos++;
            }
        }
    }

    /** The char an escape stands for; {@code pos} is just after its backslash, and goes past it. */
    private char escape() throws MalformedJsonException {
        if (pos >= in.length) {
            throw new MalformedJsonException("an escape at the end of input", pos);
        }
        byte e = in[pos++];
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > in.length) {
                    throw new MalformedJsonException("a \\u escape without its four hex digits", pos);
                }
                int c = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(in[pos + i], 16);
                    if (d < 0) {
                        throw new MalformedJsonException("a \\u escape without its four hex digits", pos);
                    }
                    c = c << 4 | d;
                }
                pos += 4;
                return (char) c;
            default:
                throw new MalformedJsonException("an unknown escape \\" + visible(String.valueOf((char) (e & 0xFF))), pos - 1);
        }
    }

    private String utf8(int from, int to) throws MalformedJsonException {
        if (isAscii(from, to)) { // every name and nearly every value: no decoder to make for them
            return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("a string that is not UTF-8", from);
        }
    }

    private boolean isAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (in[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} with every char outside printable ASCII as a backslash-u escape: a message stays one line. */
    private static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private void expect(char c) throws MalformedJsonException {
        if (pos >= in.length || in[pos] != c) {
            throw new MalformedJsonException("'" + c + "' expected", pos);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }
}
