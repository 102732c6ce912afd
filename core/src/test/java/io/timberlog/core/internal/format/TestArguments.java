package io.timberlog.core.internal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Argument objects and templates that exercise the corners of both frameworks' formatting rules. */
final class TestArguments {
    private TestArguments() {
    }

    /** An object whose toString() throws, as buggy user classes do. */
    static final class Boom {
        private final RuntimeException failure;

        Boom(RuntimeException failure) {
            // SLF4J reports each failure with its stack trace on stderr: keep that report short
            failure.setStackTrace(new StackTraceElement[0]);
            this.failure = failure;
        }

        @Override
        public String toString() {
            throw failure;
        }
    }

    /** An object whose toString() returns null. */
    static final class NullText {
        @Override
        public String toString() {
            return null;
        }
    }

    /** A CharSequence whose toString() is not its characters. */
    static final class Chars implements CharSequence {
        private final String chars;

        Chars(String chars) {
            this.chars = chars;
        }

        @Override
        public int length() {
            return chars.length();
        }

        @Override
        public char charAt(int index) {
            return chars.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return chars.subSequence(start, end);
        }

        @Override
        public String toString() {
            return "Chars(" + chars + ")";
        }
    }

    enum Color { RED }

    private static final String[] TOKENS = {
        "{}", "{}", "{}", "{", "}", "\\", "\\\\", "\\{}", "\\\\{}", "a", " ", "é", "😀", "{{}}", "x", "\n", "{ }", "\t",
    };

    static String randomTemplate(Random random) {
        int tokens = random.nextInt(9);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return sb.toString();
    }

    static Object[] randomArguments(Random random) {
        Object[] args = new Object[random.nextInt(6)];
        for (int i = 0; i < args.length; i++) {
            args[i] = randomArgument(random);
        }
        return args;
    }

    static Object randomArgument(Random random) {
        switch (random.nextInt(34)) {
            case 0: return null;
            case 1: return random.nextInt();
            case 2: return pick(random, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);
            case 3: return pick(random, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong());
            case 4: return (short) random.nextInt();
            case 5: return (byte) random.nextInt();
            case 6: return pick(random, Float.NaN, -0.0f, 1e-10f, Float.MAX_VALUE, Float.MIN_VALUE,
                    Float.NEGATIVE_INFINITY, random.nextFloat(), 100f, 1.0E7f);
            case 7: return pick(random, Double.NaN, -0.0, 1e-10, Double.MAX_VALUE, Double.MIN_VALUE,
                    Double.POSITIVE_INFINITY, random.nextDouble() * 1e6, 0.1 + 0.2, 1.0E7, 2.2250738585072014E-308);
            case 8: return random.nextBoolean();
            case 9: return pick(random, 'c', '{', '\\', 'é', '\n');
            case 10: return pick(random, "", "text", "{}", "\\", "\\{}", "a{b}c", "é😀", "null", " ");
            case 11: return pick(random, new BigDecimal("1E+3"), new BigDecimal("-0.000"), BigInteger.TEN.pow(30));
            case 12: return new int[] {1, -2, Integer.MIN_VALUE};
            case 13: return new long[][] {{1L, 2L}, {}, null, {Long.MIN_VALUE}};
            case 14: return new char[] {'a', '{', '}'};
            case 15: return new boolean[] {true, false};
            case 16: return new byte[] {(byte) 0xff, 0};
            case 17: return new short[0];
            case 18: return new float[] {Float.NaN, -0.0f, 1.5f};
            case 19: return new double[] {1e-10, 1.0E7};
            case 20: return new Object[] {1, "two", null, new int[] {3}, new Object[] {4.0, 'c'}};
            case 21: return selfContainingArray();
            case 22: return new Boom(new IllegalStateException("boom"));
            case 23: return new Object[] {"ok", new Boom(new UnsupportedOperationException())};
            case 24: return new NullText();
            case 25: return new ArrayList<>(List.of(1, "b", List.of(2.5f)));
            case 26: return mapOf("k", 1, "nested", mapOf(2, new int[] {3}));
            case 27: return selfContainingList();
            case 28: return new Date(random.nextInt(2) == 0 ? 0L : 1_700_000_000_123L);
            case 29: return pick(random, LocalDate.of(2024, 2, 29), Instant.ofEpochSecond(1_700_000_000L, 5));
            case 30: return new StringBuilder("sb{}\\");
            case 31: return new Chars("chars");
            case 32: return pick(random, Color.RED, UUID.fromString("00000000-0000-0001-0000-000000000002"),
                    new LinkedHashSet<>(Arrays.asList("s", null)));
            default: return new Object[] {selfContainingList(), mapOf("self", selfContainingArray())};
        }
    }

    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    static Object[] selfContainingArray() {
        Object[] array = new Object[3];
        array[0] = "a";
        array[1] = array;
        array[2] = new Object[] {array, 1};
        return array;
    }

    static List<Object> selfContainingList() {
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(list);
        return list;
    }

    static Map<Object, Object> mapOf(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
