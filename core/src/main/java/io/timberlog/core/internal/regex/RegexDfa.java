package io.timberlog.core.internal.regex;

import io.timberlog.core.internal.format.TextAutomaton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A regex compiled to a deterministic automaton that answers what {@code Matcher.find()} answers:
 * whether the text holds a match anywhere. It reads each char once with one table lookup, where
 * {@code java.util.regex} backtracks from every position; and it reads a message in pieces
 * ({@link TextAutomaton}), so a scan tests a template's text once per block and only the arguments
 * per event. Patterns outside {@link RegexParser}'s part of the syntax, with flags, or whose automaton
 * would be large are not compiled ({@link #compile} gives {@code null}). Immutable and thread-safe.
 */
public final class RegexDfa implements TextAutomaton {
    /** The state once a match was seen: every later char keeps it. */
    public static final int MATCHED = 0;
    /** The state of an anchored pattern that can no longer match: every later char keeps it. */
    public static final int FAILED = 1;
    private static final int MAX_STATES = 2000;
    private static final int MAX_NFA_STATES = 20_000;
    private static final long TEN_TO_16 = 10_000_000_000_000_000L;

    /** The symbol class of each BMP char; surrogates have the class of {@link CharSet#ASTRAL}. */
    private final char[] classOf;
    private final int classes;
    /** Row {@code state * classes}: the next state for each class. */
    private final int[] next;
    private final int start;
    private final int states;
    /** Per state: true when every digit leads back to it. */
    private final boolean[] digitsStay;

    private RegexDfa(char[] classOf, int classes, int[] next, int start, int states) {
        this.classOf = classOf;
        this.classes = classes;
        this.next = next;
        this.start = start;
        this.states = states;
        this.digitsStay = new boolean[states];
        for (int s = 0; s < states; s++) {
            boolean stays = true;
            for (char d = '0'; d <= '9' && stays; d++) {
                stays = next[s * classes + classOf[d]] == s;
            }
            digitsStay[s] = stays;
        }
    }

    /** The automaton of {@code pattern}, or {@code null} when it has flags or syntax this class does not take. */
    public static RegexDfa compile(Pattern pattern) {
        if (pattern.flags() != 0) {
            return null;
        }
        try {
            RegexNode tree = RegexParser.parse(pattern.pattern());
            return new Builder().build(tree);
        } catch (RegexParser.Unsupported e) {
            return null;
        }
    }

    public int start() {
        return start;
    }

    /** How many states there are; states are {@code 0 <= s < stateCount()}. */
    public int stateCount() {
        return states;
    }

    /** True when {@code state} is {@link #MATCHED} or {@link #FAILED}: nothing read after it changes the answer. */
    public static boolean isDecided(int state) {
        return state <= FAILED;
    }

    /** What {@code pattern.matcher(text).find()} answers. */
    public boolean find(CharSequence text) {
        String s = text.toString();
        return readWhole(start, s, 0, s.length()) == MATCHED;
    }

    @Override
    public int read(int state, String text, int from, int to) {
        if (from < to && (Character.isLowSurrogate(text.charAt(from)) || Character.isHighSurrogate(text.charAt(to - 1)))) {
            return UNSURE; // half of a pair: its other half is in the piece before or after
        }
        return readWhole(state, text, from, to);
    }

    private int readWhole(int state, String text, int from, int to) {
        int s = state;
        for (int i = from; i < to && s > FAILED; i++) {
            char c = text.charAt(i);
            if ((c & 0xFC00) == 0xD800 && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair is one symbol, as Pattern reads code points
            }
            s = next[s * classes + classOf[c]];
        }
        return s;
    }

    @Override
    public int readNumber(int state, long value) {
        if (value <= -TEN_TO_16 || value >= TEN_TO_16) {
            String text = Long.toString(value);
            return readWhole(state, text, 0, text.length());
        }
        int s = state;
        long v = value;
        if (v < 0) {
            s = next[s * classes + classOf['-']];
            v = -v;
        }
        if (digitsStay[s]) {
            return s; // no digit moves this state: the number cannot matter (an id after "order ", say)
        }
        // the digits into a long, four bits each, the first digit lowest: no buffer to allocate
        long packed = 0;
        int digits = 0;
        do {
            packed = packed << 4 | v % 10;
            v /= 10;
            digits++;
        } while (v != 0);
        for (int k = 0; k < digits; k++) {
            s = next[s * classes + classOf['0' + (int) (packed & 0xF)]];
            packed >>>= 4;
        }
        return s;
    }

    /** Thompson's construction to a nondeterministic automaton, then the subset construction. */
    private static final class Builder {
        private static final int SYMBOL = 0;
        private static final int SPLIT = 1;
        private static final int ACCEPT = 2;

        private int[] kind = new int[64];
        private int[] out1 = new int[64];
        private int[] out2 = new int[64];
        private int[] setOf = new int[64];
        private int count;
        private final List<CharSet> sets = new ArrayList<>();
        private final Map<CharSet, Integer> setIds = new HashMap<>();

        RegexDfa build(RegexNode tree) throws RegexParser.Unsupported {
            boolean anchored = false;
            RegexNode body = tree;
            if (tree instanceof RegexNode.Sequence && !((RegexNode.Sequence) tree).parts.isEmpty()
                    && ((RegexNode.Sequence) tree).parts.get(0) instanceof RegexNode.Start) {
                anchored = true;
                List<RegexNode> parts = ((RegexNode.Sequence) tree).parts;
                body = new RegexNode.Sequence(parts.subList(1, parts.size()));
            }
            int accept = add(ACCEPT, -1, -1, -1);
            int nfaStart = build(body, accept);
            return determinize(nfaStart, anchored);
        }

        private int add(int k, int a, int b, int set) throws RegexParser.Unsupported {
            if (count == MAX_NFA_STATES) {
                throw new RegexParser.Unsupported("too large");
            }
            if (count == kind.length) {
                kind = Arrays.copyOf(kind, count * 2);
                out1 = Arrays.copyOf(out1, count * 2);
                out2 = Arrays.copyOf(out2, count * 2);
                setOf = Arrays.copyOf(setOf, count * 2);
            }
            kind[count] = k;
            out1[count] = a;
            out2[count] = b;
            setOf[count] = set;
            return count++;
        }

        /** The start state of {@code node} followed by {@code next}. */
        private int build(RegexNode node, int next) throws RegexParser.Unsupported {
            if (node instanceof RegexNode.Symbol) {
                CharSet set = ((RegexNode.Symbol) node).set;
                Integer id = setIds.get(set);
                if (id == null) {
                    id = sets.size();
                    sets.add(set);
                    setIds.put(set, id);
                }
                return add(SYMBOL, next, -1, id);
            }
            if (node instanceof RegexNode.Sequence) {
                List<RegexNode> parts = ((RegexNode.Sequence) node).parts;
                int s = next;
                for (int k = parts.size() - 1; k >= 0; k--) {
                    s = build(parts.get(k), s);
                }
                return s;
            }
            if (node instanceof RegexNode.Choice) {
                List<RegexNode> options = ((RegexNode.Choice) node).options;
                int s = build(options.get(options.size() - 1), next);
                for (int k = options.size() - 2; k >= 0; k--) {
                    s = add(SPLIT, build(options.get(k), next), s, -1);
                }
                return s;
            }
            if (node instanceof RegexNode.Repeat) {
                RegexNode.Repeat r = (RegexNode.Repeat) node;
                int tail;
                if (r.max == RegexNode.Repeat.UNBOUNDED) {
                    int loop = add(SPLIT, -1, next, -1);
                    out1[loop] = build(r.body, loop);
                    tail = loop;
                } else {
                    tail = next;
                    for (int k = r.min; k < r.max; k++) {
                        tail = add(SPLIT, build(r.body, tail), next, -1);
                    }
                }
                for (int k = 0; k < r.min; k++) {
                    tail = build(r.body, tail);
                }
                return tail;
            }
            throw new RegexParser.Unsupported("an anchor inside the pattern");
        }

        private RegexDfa determinize(int nfaStart, boolean anchored) throws RegexParser.Unsupported {
            // symbol classes: the ranges between every boundary of every set, alike when in the same sets
            TreeSet<Integer> cuts = new TreeSet<>();
            cuts.add(0);
            cuts.add(CharSet.ASTRAL + 1);
            for (CharSet s : sets) {
                s.addBoundaries(cuts);
            }
            char[] classOf = new char[0x10000];
            Map<String, Integer> classBySignature = new HashMap<>();
            List<boolean[]> membership = new ArrayList<>();
            int astralClass = 0;
            Integer previous = null;
            for (int cut : cuts) {
                if (previous != null) {
                    StringBuilder signature = new StringBuilder();
                    boolean[] in = new boolean[sets.size()];
                    for (int k = 0; k < sets.size(); k++) {
                        in[k] = sets.get(k).contains(previous);
                        signature.append(in[k] ? '1' : '0');
                    }
                    Integer id = classBySignature.get(signature.toString());
                    if (id == null) {
                        id = membership.size();
                        membership.add(in);
                        classBySignature.put(signature.toString(), id);
                    }
                    if (previous <= CharSet.ASTRAL && cut > CharSet.ASTRAL) {
                        astralClass = id;
                    }
                    Arrays.fill(classOf, previous, Math.min(cut, 0x10000), (char) (int) id);
                }
                previous = cut;
            }
            Arrays.fill(classOf, CharSet.SURROGATE_FIRST, CharSet.SURROGATE_LAST + 1, (char) astralClass);
            int classes = membership.size();
            boolean[][] setHas = new boolean[sets.size()][classes];
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < sets.size(); k++) {
                    setHas[k][c] = membership.get(c)[k];
                }
            }

            Closure closure = new Closure(count);
            int[] startSet = closure.of(new int[] {nfaStart}, 1);
            List<int[]> stateSets = new ArrayList<>();
            Map<IntArray, Integer> ids = new HashMap<>();
            stateSets.add(null); // MATCHED
            stateSets.add(new int[0]); // FAILED
            ids.put(new IntArray(new int[0]), FAILED);
            int startState = startSet == null ? MATCHED : idOf(startSet, stateSets, ids);
            int[] table = new int[64 * classes];
            ArrayDeque<Integer> work = new ArrayDeque<>();
            for (int s = 2; s < stateSets.size(); s++) {
                work.add(s);
            }
            Arrays.fill(table, 0, classes, MATCHED);
            Arrays.fill(table, classes, 2 * classes, FAILED);
            int[] targets = new int[count + 1];
            while (!work.isEmpty()) {
                int d = work.poll();
                int[] members = stateSets.get(d);
                for (int c = 0; c < classes; c++) {
                    int n = 0;
                    for (int m : members) {
                        if (setHas[setOf[m]][c]) {
                            targets[n++] = out1[m];
                        }
                    }
                    if (!anchored) {
                        targets[n++] = nfaStart; // a match may start at any later position
                    }
                    int[] set = closure.of(targets, n);
                    int target;
                    if (set == null) {
                        target = MATCHED;
                    } else {
                        int before = stateSets.size();
                        target = idOf(set, stateSets, ids);
                        if (stateSets.size() > before) {
                            if (stateSets.size() > MAX_STATES) {
                                throw new RegexParser.Unsupported("too many states");
                            }
                            work.add(target);
                        }
                    }
                    if (table.length < (d + 1) * classes) {
                        table = Arrays.copyOf(table, Math.max(table.length * 2, (d + 1) * classes));
                    }
                    table[d * classes + c] = target;
                }
            }
            int states = stateSets.size();
            return new RegexDfa(classOf, classes, Arrays.copyOf(table, states * classes), startState, states);
        }

        private static int idOf(int[] set, List<int[]> stateSets, Map<IntArray, Integer> ids) {
            IntArray key = new IntArray(set);
            Integer id = ids.get(key);
            if (id == null) {
                id = stateSets.size();
                stateSets.add(set);
                ids.put(key, id);
            }
            return id;
        }

        /** The symbol states reachable without reading from a list of states, sorted; {@code null} when the accept state is. */
        private final class Closure {
            private final int[] seen;
            private final int[] stack;
            private int stamp;

            Closure(int states) {
                seen = new int[states];
                stack = new int[states * 3 + 2]; // every edge once, and the states to start from
            }

            int[] of(int[] from, int n) {
                stamp++;
                int top = 0;
                for (int k = 0; k < n; k++) {
                    stack[top++] = from[k];
                }
                int[] found = new int[16];
                int size = 0;
                while (top > 0) {
                    int s = stack[--top];
                    if (seen[s] == stamp) {
                        continue;
                    }
                    seen[s] = stamp;
                    if (kind[s] == ACCEPT) {
                        return null;
                    } else if (kind[s] == SYMBOL) {
                        if (size == found.length) {
                            found = Arrays.copyOf(found, size * 2);
                        }
                        found[size++] = s;
                    } else {
                        stack[top++] = out2[s];
                        stack[top++] = out1[s];
                    }
                }
                int[] sorted = Arrays.copyOf(found, size);
                Arrays.sort(sorted);
                return sorted;
            }
        }
    }

    /** An int array compared by content, as a map key. */
    private static final class IntArray {
        private final int[] values;
        private final int hash;

        IntArray(int[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IntArray && Arrays.equals(values, ((IntArray) o).values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
