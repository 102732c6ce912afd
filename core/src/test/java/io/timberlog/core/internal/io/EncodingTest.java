package io.timberlog.core.internal.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EncodingTest {
    @Test
    void varint_roundTripsEdgeValues() throws MalformedDataException {
        long[] values = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        byte[] buf = new byte[Varint.MAX_LENGTH * values.length];
        int p = 0;
        for (long v : values) {
            int before = p;
            p = Varint.write(buf, p, v);
            assertEquals(Varint.length(v), p - before);
        }
        ByteCursor c = new ByteCursor().reset(buf, 0, p, 0);
        for (long v : values) {
            assertEquals(v, c.varlong());
        }
        // each alone, its last byte at the limit: read without the fast path for ten bytes ahead
        for (long v : values) {
            byte[] one = new byte[Varint.MAX_LENGTH];
            int end = Varint.write(one, 0, v);
            ByteCursor alone = new ByteCursor().reset(one, 0, end, 0);
            assertEquals(v, alone.varlong());
            assertEquals(0, alone.remaining());
        }
        for (long v : values) {
            assertEquals(v, Varint.unzigzag(Varint.zigzag(v)));
        }
        assertEquals(1, Varint.length(Varint.zigzag(-1)));
    }

    @Test
    void string_repeatedAndAlternating_readsEachAsWritten() throws MalformedDataException {
        String[] written = {"customer-\u0000", "customer-\u0000", "x", "customer-\u0000", "", "", "customer-\u0001",
                "\u00e9t\u00e9", "\u00e9t\u00e9", "x"};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String s : written) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            bytes.write(utf8.length); // a varint below 128 is its own byte
            bytes.write(utf8, 0, utf8.length);
        }
        byte[] buf = bytes.toByteArray();
        ByteCursor c = new ByteCursor().reset(buf, 0, buf.length, 0);
        for (String s : written) {
            assertEquals(s, c.string());
        }
        // Another buffer, another string at the same place: a reset forgets the last string read.
        byte[] other = buf.clone();
        other[1] = 'K';
        assertEquals("customer-\u0000", c.reset(buf, 0, buf.length, 0).string());
        assertEquals("Kustomer-\u0000", c.reset(other, 0, other.length, 0).string());
    }

    @Test
    void varint_tooLong_isMalformed() {
        byte[] buf = new byte[11];
        java.util.Arrays.fill(buf, (byte) 0x80);
        assertThrows(MalformedDataException.class, () -> new ByteCursor().reset(buf, 0, buf.length, 0).varlong());
    }

    @Test
    void cursor_lengthBeyondTheRegion_isMalformedNotAnAllocation() {
        byte[] buf = new byte[16];
        int p = Varint.write(buf, 0, Integer.MAX_VALUE);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new ByteCursor().reset(buf, 0, p, 1000).string());
        assertTrue(e.getMessage().contains("at byte 100"), e.getMessage());
    }

    @Test
    void cursor_stringLengthCountingItsOwnLengthByte_isMalformed() {
        byte[] buf = {3, 'a', 'b', 'c'}; // the region ends before 'c': 2 bytes follow the length, not 3
        ByteCursor c = new ByteCursor().reset(buf, 0, 3, 0);
        assertThrows(MalformedDataException.class, c::string);
    }

    @Test
    void wtf8_roundTripsAnyUtf16IncludingLoneSurrogates() {
        String[] samples = {"", "ascii", "caf\u00e9", "\u20ac", "\ud83d\ude00", "lone high \ud800 x", "lone low \udc00",
                "\udc00\ud800 reversed", "\u0000nul\u0000", "\u009b\u202e"};
        for (String s : samples) {
            assertEquals(s, roundTrip(s));
        }
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x10000);
            }
            String s = new String(chars);
            assertEquals(s, roundTrip(s));
        }
    }

    @Test
    void wtf8_validTextIsPlainUtf8() {
        String s = "h\u00e9llo \u20ac \ud83d\ude00";
        byte[] buf = new byte[Wtf8.encodedLength(s)];
        assertEquals(buf.length, Wtf8.encode(s, buf, 0, buf.length));
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), buf);
    }

    @Test
    void wtf8_truncatedEncoding_neverSplitsACharacter() {
        String s = "\u20ac\u20ac\u20ac"; // 3 bytes each
        byte[] buf = new byte[9];
        assertEquals(6, Wtf8.encode(s, buf, 0, 8));
        assertEquals("\u20ac\u20ac", Wtf8.decode(buf, 0, 6));
    }

    @Test
    void wtf8_decodingGarbage_neverThrows() {
        Random random = new Random(2);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(50)];
            random.nextBytes(garbage);
            assertNotNull(Wtf8.decode(garbage, 0, garbage.length));
        }
    }

    private static String roundTrip(String s) {
        byte[] buf = new byte[Wtf8.encodedLength(s)];
        int end = Wtf8.encode(s, buf, 0, buf.length);
        assertEquals(buf.length, end);
        return Wtf8.decode(buf, 0, end);
    }
}
