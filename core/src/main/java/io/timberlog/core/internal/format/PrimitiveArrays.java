package io.timberlog.core.internal.format;

/**
 * Arrays of primitives, which SLF4J and log4j2 both print as {@link java.util.Arrays#toString(int[])}
 * does, appended without a temporary string.
 */
final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    /** Appends {@code array}, an array of a primitive type, as {@code [1, 2, 3]}. */
    static void append(StringBuilder sb, Object array) {
        sb.append('[');
        if (array instanceof boolean[]) {
            boolean[] a = (boolean[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof byte[]) {
            byte[] a = (byte[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof char[]) {
            char[] a = (char[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof short[]) {
            short[] a = (short[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof int[]) {
            int[] a = (int[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof long[]) {
            long[] a = (long[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else if (array instanceof float[]) {
            float[] a = (float[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        } else {
            double[] a = (double[]) array;
            for (int i = 0; i < a.length; i++) {
                separate(sb, i).append(a[i]);
            }
        }
        sb.append(']');
    }

    private static StringBuilder separate(StringBuilder sb, int index) {
        return index == 0 ? sb : sb.append(", ");
    }
}
