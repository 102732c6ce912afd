package io.timberlog.core.internal.query;

import io.timberlog.core.MessageStyle;
import io.timberlog.core.internal.format.MessagePlan;
import io.timberlog.core.internal.format.MessagePlans;
import io.timberlog.core.internal.format.TextAutomaton;
import io.timberlog.core.internal.regex.RegexDfa;
import io.timberlog.core.internal.segment.DecodedBlock;
import io.timberlog.core.internal.segment.SegmentDamageException;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tests the messages of segment events against one regex without formatting them: the automaton
 * reads each template's literal text once per state it starts in (remembered), and per event only the
 * arguments, numbers straight from their values. A scan of millions of events so costs a few table
 * lookups per argument char instead of a formatted message and a backtracking search each. Not
 * thread-safe: one thread at a time.
 */
final class MessageScan {
    enum Verdict { MATCH, NO_MATCH, UNSURE }

    /** Plans kept before the cache starts again: a store's templates, a few thousand at most in practice. */
    private static final int MAX_PLANS = 4096;
    /** States remembered over all plans before the cache starts again: 4 MB, however large the automaton. */
    private static final int MAX_MEMO_CELLS = 1 << 20;
    private static final int UNKNOWN = -2;

    private final RegexDfa dfa;
    private final MessagePlans messagePlans = new MessagePlans();
    /** By message plan: {@link #messagePlans} makes one per template, style and argument count. */
    private final Map<MessagePlan, Plan> plans = new IdentityHashMap<>();
    private int memoCells;
    private Plan last;
    private final ArgumentReader arguments = new ArgumentReader();

    MessageScan(RegexDfa dfa) {
        this.dfa = dfa;
    }

    /** Whether the message of event {@code i} has a match; {@code UNSURE} when only its text can tell. */
    Verdict test(DecodedBlock block, int i) throws SegmentDamageException {
        if (block.hasStoredMessage(i)) {
            return verdict(dfa.find(block.storedMessage(i)));
        }
        String template = block.template(i);
        if (template == null) {
            return Verdict.UNSURE;
        }
        Plan plan = plan(template, block.style(i), block.argumentCount(i));
        int s = plan.readLiteral(0, dfa.start());
        for (int k = 0; k < plan.slots && !RegexDfa.isDecided(s); k++) {
            s = block.readArgument(i, plan.messagePlan.slot(k), arguments, s);
            if (s == TextAutomaton.UNSURE) {
                return Verdict.UNSURE;
            }
            s = plan.readLiteral(k + 1, s);
        }
        if (s == TextAutomaton.UNSURE) {
            return Verdict.UNSURE;
        }
        return verdict(s == RegexDfa.MATCHED);
    }

    private static Verdict verdict(boolean match) {
        return match ? Verdict.MATCH : Verdict.NO_MATCH;
    }

    private Plan plan(String template, MessageStyle style, int arguments) {
        // the events of a block mostly share a few templates: the last one first, by identity
        MessagePlan messagePlan = messagePlans.of(template, style, arguments);
        return last != null && last.messagePlan == messagePlan ? last : find(messagePlan);
    }

    /** The plan of another template than the last event's: rare, and kept out of the code made for every event. */
    private Plan find(MessagePlan messagePlan) {
        Plan p = plans.get(messagePlan);
        if (p == null) {
            int cells = (messagePlan.slots() + 1) * dfa.stateCount();
            if (plans.size() == MAX_PLANS || memoCells + cells > MAX_MEMO_CELLS) {
                plans.clear();
                memoCells = 0;
            }
            p = new Plan(messagePlan, dfa.stateCount());
            plans.put(messagePlan, p);
            memoCells += cells;
        }
        last = p;
        return p;
    }

    private final class Plan {
        final MessagePlan messagePlan;
        final int slots;
        /** Per literal, the state after it for each state before it; {@link #UNKNOWN} until read once. */
        final int[][] after;

        Plan(MessagePlan messagePlan, int states) {
            this.messagePlan = messagePlan;
            this.slots = messagePlan.slots();
            this.after = new int[slots + 1][];
            for (int k = 0; k <= slots; k++) {
                after[k] = new int[states];
                Arrays.fill(after[k], UNKNOWN);
            }
        }

        int readLiteral(int k, int state) {
            if (state == TextAutomaton.UNSURE || RegexDfa.isDecided(state)) {
                return state;
            }
            int s = after[k][state];
            return s != UNKNOWN ? s : read(k, state);
        }

        /** Reads literal {@code k} from {@code state} the first time: once per block at most. */
        private int read(int k, int state) {
            String text = messagePlan.literal(k);
            int s = dfa.read(state, text, 0, text.length());
            after[k][state] = s;
            return s;
        }
    }

    /**
     * The automaton for arguments, remembering its last few reads of text: a numbered string argument
     * ({@code customer-42}) has the same text around its numbers event after event, the same instance.
     */
    private final class ArgumentReader implements TextAutomaton {
        private static final int SLOTS = 4;
        private final String[] texts = new String[SLOTS];
        private final int[] froms = new int[SLOTS];
        private final int[] tos = new int[SLOTS];
        private final int[] states = new int[SLOTS];
        private final int[] results = new int[SLOTS];

        @Override
        public int read(int state, String text, int from, int to) {
            if (from == to || RegexDfa.isDecided(state)) {
                return state;
            }
            int k = (from * 7 + state) & (SLOTS - 1);
            if (texts[k] == text && froms[k] == from && tos[k] == to && states[k] == state) {
                return results[k];
            }
            int result = dfa.read(state, text, from, to);
            texts[k] = text;
            froms[k] = from;
            tos[k] = to;
            states[k] = state;
            results[k] = result;
            return result;
        }

        @Override
        public int readNumber(int state, long value) {
            return dfa.readNumber(state, value);
        }
    }
}
