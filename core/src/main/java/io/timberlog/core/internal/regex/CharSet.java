package io.timberlog.core.internal.regex;

import java.util.Arrays;

/**
 * A set of the characters a {@link RegexDfa} reads: the chars of the Basic Multilingual Plane other
 * than surrogates, and one more, {@link #ASTRAL}, that stands for every supplementary code point and
 * every unpaired surrogate. The patterns the parser accepts never tell those apart (they name no
 * surrogate and no supplementary character), so one symbol is exact for all of them. Kept as sorted,
 * disjoint, inclusive ranges. Immutable.
 */
final class CharSet {
    /** The symbol of every supplementary code point and unpaired surrogate. */
    static final int ASTRAL = 0x10000;
    static final int SURROGATE_FIRST = 0xD800;
    static final int SURROGATE_LAST = 0xDFFF;

    static final CharSet EMPTY = new CharSet(new int[0]);
    static final CharSet ALL = new CharSet(new int[] {0, SURROGATE_FIRST - 1, SURROGATE_LAST + 1, ASTRAL});
    /** What {@code .} matches: all but the line terminators {@code \n}, {@code \r}, U+0085, U+2028 and U+2029. */
    static final CharSet DOT = ALL.minus(of('\n', '\r', '\u0085', '\u2028', '\u2029'));
    static final CharSet DIGIT = range('0', '9');
    static final CharSet SPACE = of(' ', '\t', '\n', '\u000B', '\f', '\r');
    static final CharSet WORD = range('a', 'z').union(range('A', 'Z')).union(range('0', '9')).union(of('_'));

    /** lo0, hi0, lo1, hi1, ...: sorted, disjoint, not adjacent. */
    private final int[] ranges;

    private CharSet(int[] ranges) {
        this.ranges = ranges;
    }

    /** The set of {@code first..last}, both BMP chars that are not surrogates, or the range spans none. */
    static CharSet range(int first, int last) {
        return new CharSet(new int[] {first, last});
    }

    static CharSet of(char... chars) {
        CharSet s = EMPTY;
        for (char c : chars) {
            s = s.union(range(c, c));
        }
        return s;
    }

    CharSet union(CharSet other) {
        int[] all = Arrays.copyOf(ranges, ranges.length + other.ranges.length);
        System.arraycopy(other.ranges, 0, all, ranges.length, other.ranges.length);
        long[] pairs = new long[all.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = ((long) all[2 * i] << 32) | all[2 * i + 1];
        }
        Arrays.sort(pairs);
        int[] merged = new int[all.length];
        int n = 0;
        for (long p : pairs) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (n > 0 && lo <= merged[n - 1] + 1) {
                merged[n - 1] = Math.max(merged[n - 1], hi);
            } else {
                merged[n++] = lo;
                merged[n++] = hi;
            }
        }
        return new CharSet(Arrays.copyOf(merged, n));
    }

    /** Every symbol not in this set. */
    CharSet complement() {
        return ALL.minus(this);
    }

    CharSet minus(CharSet other) {
        int[] out = new int[ranges.length + other.ranges.length + 2];
        int n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            int lo = ranges[i];
            int hi = ranges[i + 1];
            for (int j = 0; j < other.ranges.length && lo <= hi; j += 2) {
                int olo = other.ranges[j];
                int ohi = other.ranges[j + 1];
                if (ohi < lo || olo > hi) {
                    continue;
                }
                if (olo > lo) {
                    out = ensure(out, n + 2);
                    out[n++] = lo;
                    out[n++] = olo - 1;
                }
                lo = ohi + 1;
            }
            if (lo <= hi) {
                out = ensure(out, n + 2);
                out[n++] = lo;
                out[n++] = hi;
            }
        }
        return new CharSet(Arrays.copyOf(out, n));
    }

    private static int[] ensure(int[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, 2 * a.length));
    }

    /** True when the set holds exactly one symbol, {@link #first()}. */
    boolean isSingle() {
        return ranges.length == 2 && ranges[0] == ranges[1];
    }

    int first() {
        return ranges[0];
    }

    boolean contains(int symbol) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (symbol < ranges[i]) {
                return false;
            }
            if (symbol <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Adds the first symbol of each range and the one after each range's end to {@code cuts}. */
    void addBoundaries(java.util.SortedSet<Integer> cuts) {
        for (int i = 0; i < ranges.length; i += 2) {
            cuts.add(ranges[i]);
            cuts.add(ranges[i + 1] + 1);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharSet && Arrays.equals(ranges, ((CharSet) o).ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }
}
