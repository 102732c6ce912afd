package io.timberlog.core.internal.manifest;

import io.timberlog.core.internal.manifest.JsonReader.MalformedJsonException;
import io.timberlog.core.internal.manifest.JsonReader.Token;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** JSON as RFC 8259 writes it, and nothing else. */
class JsonReaderTest {
    @Test
    void next_everyKindOfToken_inOrder() throws Exception {
        assertEquals(List.of("START_OBJECT", "FIELD_NAME a", "STRING x\"\\/\b\f\n\r\té€😀", "FIELD_NAME b",
                        "START_ARRAY", "NUMBER 0", "NUMBER -12", "NUMBER 9223372036854775807", "NUMBER -9223372036854775808",
                        "NUMBER big", "NUMBER big", "NUMBER big", "TRUE", "FALSE", "NULL", "START_OBJECT", "END_OBJECT",
                        "START_ARRAY", "END_ARRAY", "END_ARRAY", "END_OBJECT"),
                tokens(" {\"a\" : \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9€\\ud83d\\ude00\",\n\t\"b\":[0, -12, 9223372036854775807,"
                        + "-9223372036854775808, 9223372036854775808, 1.5, 2e3, true, false, null, {}, []]} \r\n"));
    }

    @Test
    void next_notJson_isMalformed() {
        for (String bad : new String[] {"", "{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "[1 2]",
                "{a:1}", "{'a':1}", "01", "-", "1.", ".5", "1e", "+1", "tru", "nul", "\"abc", "\"a\u0001\"", "\"\\x\"",
                "\"\\u12\"", "{} {}", "1 2", "[", "{\"a\":1}x", "NaN", "[1]]", "{\"a\":{\"b\":1}"}) {
            assertThrows(MalformedJsonException.class, () -> tokens(bad), () -> "'" + bad + "'");
        }
    }

    @Test
    void next_problemNamingDataOfTheFile_staysOnOneLine() {
        // found by ManifestFuzzTest: a line break after a backslash made a two-line message
        for (String bad : new String[] {"\"\\\n\"", "{\"a\\n\":1,\"a\\n\":2}", "\"\\\u2028\""}) {
            MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> tokens(bad));
            assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
        }
    }

    @Test
    void next_limits_areMalformed() {
        assertThrows(MalformedJsonException.class, () -> tokens("[[[[[[[[[1]]]]]]]]]"), "nine levels deep");
        assertDoesNotThrow(() -> tokens("[[[[[[[[1]]]]]]]]"), "eight levels");
        assertThrows(MalformedJsonException.class, () -> tokens("{\"a\":1,\"a\":2}"), "a field twice");
        assertDoesNotThrow(() -> tokens("{\"a\":{\"a\":1},\"b\":{\"a\":2}}"), "the same name in other objects");
        assertThrows(MalformedJsonException.class, () -> tokens("1" + "0".repeat(JsonReader.MAX_NUMBER)));
        assertThrows(MalformedJsonException.class, () -> tokens("\"" + "x".repeat(JsonReader.MAX_STRING + 1) + "\""));
        assertDoesNotThrow(() -> tokens("\"" + "x".repeat(JsonReader.MAX_STRING) + "\""));
        assertThrows(MalformedJsonException.class, () -> tokens("\"" + "\\u0041".repeat(JsonReader.MAX_STRING + 1) + "\""));
    }

    @Test
    void next_stringNotUtf8_isMalformed() {
        byte[] bad = {'"', (byte) 0xC3, '"'};
        assertThrows(MalformedJsonException.class, () -> tokens(bad));
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        assertThrows(MalformedJsonException.class, () -> tokens(overlong));
    }

    @Test
    void skipChildren_passesOverNestedValues() throws Exception {
        JsonReader r = new JsonReader("{\"skip\":{\"x\":[1,{\"y\":[]}],\"z\":\"}\"},\"keep\":7}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Token.START_OBJECT, r.next());
        assertEquals(Token.FIELD_NAME, r.next());
        assertEquals(Token.START_OBJECT, r.next());
        r.skipChildren();
        assertEquals(Token.END_OBJECT, r.current());
        assertEquals(Token.FIELD_NAME, r.next());
        assertEquals("keep", r.name());
        assertEquals(Token.NUMBER, r.next());
        assertEquals(7, r.longValue());
        assertEquals(Token.END_OBJECT, r.next());
        assertNull(r.next());
    }

    @Test
    void string_writtenByTheManifest_readsBack() throws Exception {
        String s = "a\"b\\c\u0001\u001f\té";
        JsonReader r = new JsonReader(ManifestFile.string(s).getBytes(StandardCharsets.UTF_8));
        assertEquals(Token.STRING, r.next());
        assertEquals(s, r.text());
    }

    private static List<String> tokens(String json) throws MalformedJsonException {
        return tokens(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> tokens(byte[] json) throws MalformedJsonException {
        JsonReader r = new JsonReader(json);
        List<String> out = new ArrayList<>();
        for (Token t = r.next(); t != null; t = r.next()) {
            switch (t) {
                case FIELD_NAME: out.add("FIELD_NAME " + r.name()); break;
                case STRING: out.add("STRING " + r.text()); break;
                case NUMBER: out.add("NUMBER " + (r.isLong() ? Long.toString(r.longValue()) : "big")); break;
                default: out.add(t.name());
            }
        }
        return out;
    }
}
