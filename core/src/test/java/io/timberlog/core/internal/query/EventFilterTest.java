package io.timberlog.core.internal.query;

import io.timberlog.core.KeyValue;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.RunInfo;
import io.timberlog.core.ThrowableInfo;
import io.timberlog.core.Value;
import io.timberlog.core.query.ArgumentPredicate;
import io.timberlog.core.query.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The checks of a filter, each kind on its own, as a segment block's events go through them. */
class EventFilterTest {
    private static final RunInfo RUN = new RunInfo(1, 2, "host", 3);
    private static final LogEvent EVENT = LogEvent.builder().sequence(7).epochNanos(1000).level(Level.WARN)
            .logger("com.acme.orders.Service").thread("worker-1").template("order {} took {} ms")
            .style(MessageStyle.SLF4J).arguments(List.of(Value.of(42L), Value.of(750L))).run(RUN)
            .mdc(Map.of("requestId", "r-1")).keyValues(List.of(new KeyValue("customer", Value.of("c-9"))))
            .throwable(ThrowableInfo.of("java.io.IOException", "boom", List.of(), 0, null, List.of())).build();

    private static boolean accepts(Query.Builder q) {
        return accepts(new EventFilter(q.build(), null));
    }

    /** The checks in the order a segment block is judged ({@link BlockMatcher}). */
    private static boolean accepts(EventFilter f) {
        return f.acceptsLevelAndTime(EVENT.level().code(), EVENT.epochNanos())
                && f.acceptsNames(EVENT.logger(), EVENT.thread(), EVENT.template())
                && f.acceptsArguments(EVENT.arguments()) && f.messageMatcher().accepts(EVENT.message())
                && f.acceptsDetails(EVENT);
    }

    @Test
    void accepts_everyKindOfFilter() {
        assertTrue(accepts(Query.builder().minLevel(Level.WARN).sinceNanos(1000).untilNanos(1000)
                .loggerTree("com.acme.orders").thread("worker-1").template("order {} took {} ms")
                .argument(ArgumentPredicate.parse("1>500")).text("took 750").regex(Pattern.compile("\\d+ ms"))
                .field("requestId", "r-1").field("customer", "c-9").exception("IOException")));
    }

    @Test
    void accepts_rejectsOnEachKind() {
        assertFalse(accepts(Query.builder().minLevel(Level.ERROR)));
        assertFalse(accepts(Query.builder().sinceNanos(1001)));
        assertFalse(accepts(Query.builder().logger("com.acme")));
        assertFalse(accepts(Query.builder().thread("worker-2")));
        assertFalse(accepts(Query.builder().argument(ArgumentPredicate.parse("1<500"))));
        assertFalse(accepts(Query.builder().text("took 751")));
        assertFalse(accepts(Query.builder().field("requestId", "r-2")));
        assertFalse(accepts(Query.builder().exception("java.lang.RuntimeException")));
        assertFalse(accepts(new EventFilter(Query.all(), Set.of(new RunInfo(9, 9, "other", 9)))));
        assertTrue(accepts(new EventFilter(Query.all(), Set.of(RUN))));
    }

    /** A name with no dot is a simple name: Inner, or Outer$Inner, or the whole name of a class in no package. */
    @Test
    void acceptsDetails_exceptionBySimpleName_nestedClassesToo() {
        for (String className : new String[] {"com.acme.Outer$Inner", "Outer$Inner", "Types$Outer$Inner"}) {
            LogEvent e = LogEvent.builder().sequence(1).epochNanos(1).level(Level.ERROR).logger("l").thread("t")
                    .template("x").style(MessageStyle.SLF4J)
                    .throwable(ThrowableInfo.of(className, "m", List.of(), 0, null, List.of())).build();
            for (String name : new String[] {"Inner", "Outer$Inner"}) {
                assertTrue(new EventFilter(Query.builder().exception(name).build(), null).acceptsDetails(e), name);
            }
            assertFalse(new EventFilter(Query.builder().exception("Outer").build(), null).acceptsDetails(e));
            assertFalse(new EventFilter(Query.builder().exception("ter$Inner").build(), null).acceptsDetails(e));
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void contains_emptyText_endsAtTheEndOfTheMessage() {
        for (CharSequence m : new CharSequence[] {"abc", new StringBuilder("abc")}) {
            assertFalse(EventFilter.contains(m, "", true)); // every place has a letter beside it
            assertTrue(EventFilter.contains(m, "", false));
        }
        assertTrue(EventFilter.contains("a -", "", true));
        assertTrue(EventFilter.contains("", "", true));
        assertFalse(EventFilter.contains("ab ab", "ab a", true));
        assertTrue(EventFilter.contains("abc ab", "ab", true));
    }

    @Test
    void mayMatchPart_prunesByTimeLevelAndRun() {
        EventFilter f = new EventFilter(Query.builder().minLevel(Level.ERROR).sinceNanos(100).build(), Set.of(RUN));
        assertTrue(f.mayMatchPart(new PartSummary(0, 200, Level.FATAL.code(), List.of(RUN.id()))));
        assertFalse(f.mayMatchPart(new PartSummary(0, 99, Level.FATAL.code(), List.of(RUN.id()))));
        assertFalse(f.mayMatchPart(new PartSummary(0, 200, Level.WARN.code(), List.of(RUN.id()))));
        assertFalse(f.mayMatchPart(new PartSummary(0, 200, Level.FATAL.code(), List.of(new RunInfo(9, 9, "x", 9).id()))));
        assertTrue(f.mayMatchPart(PartSummary.ofRuns(List.of())));
    }

    @Test
    void requiredWords_keepsOnlyWordsWhollyInsideEachText() {
        assertEquals(List.of("7", "for"), EventFilter.requiredWords(Query.builder().text("order 7 for bob").build()));
        assertEquals(List.of(), EventFilter.requiredWords(Query.builder().text("4711").build()));
        assertEquals(List.of("b", "c"), EventFilter.requiredWords(Query.builder().text("a b-c d").text("x").build()));
    }

    @Test
    void requiredWords_ignoringCase_leavesOutWordsWhoseCaseFoldingDiffersFromLowercase() {
        Query q = Query.builder().text("x Order Timeout y").ignoreCase(true).build();
        // "Timeout" holds an i, which also matches the dotless \u0131 ignoring case: not required
        assertEquals(List.of("Order"), EventFilter.requiredWords(q));
    }

    @Test
    void requiredWords_wholeWords_keepsTheWordsAtTheEndsToo() {
        assertEquals(List.of("4711"), EventFilter.requiredWords(Query.builder().text("4711").wholeWords(true).build()));
        assertEquals(List.of("order", "7"), EventFilter.requiredWords(Query.builder().text("order 7").wholeWords(true)
                .build()));
    }

    @Test
    void accepts_wholeWords_onlyWhereNoLetterOrDigitTouchesTheMatch() {
        assertTrue(accepts(Query.builder().text("took 750").wholeWords(true)));
        assertFalse(accepts(Query.builder().text("took 75").wholeWords(true)));
        assertFalse(accepts(Query.builder().text("ook").wholeWords(true)));
        assertTrue(accepts(Query.builder().text("TOOK").ignoreCase(true).wholeWords(true)));
        assertFalse(accepts(Query.builder().text("OOK").ignoreCase(true).wholeWords(true)));
        assertTrue(accepts(Query.builder().regex(Pattern.compile("t[aeiou]+k")).wholeWords(true)));
        assertFalse(accepts(Query.builder().regex(Pattern.compile("[aeiou]+k")).wholeWords(true)));
        // a quote left open at the end, which Java allows, must not quote what makes the match whole words
        assertTrue(accepts(Query.builder().regex(Pattern.compile("\\Qorder 42")).wholeWords(true)));
        assertFalse(accepts(Query.builder().regex(Pattern.compile("\\Qorder 4")).wholeWords(true)));
        assertTrue(accepts(Query.builder().regex(Pattern.compile("\\Qorder\\E \\d+ took")).wholeWords(true)));
    }

    @Test
    void requiredWords_word_keepsTheWordsAtTheEnds() {
        assertEquals(List.of("req", "4711"), EventFilter.requiredWords(Query.builder().word("req-4711").build()));
    }

    @Test
    void accepts_word_wholeWordsWhileTextsBesideItMatchInsideWords() {
        assertTrue(accepts(Query.builder().word("took 750")));
        assertFalse(accepts(Query.builder().word("took 75")));
        assertTrue(accepts(Query.builder().word("took").text("ook 75")));
        assertFalse(accepts(Query.builder().word("ook").text("took")));
        assertTrue(accepts(Query.builder().word("TOOK").ignoreCase(true)));
        assertFalse(accepts(Query.builder().word("OOK").ignoreCase(true)));
        assertTrue(accepts(Query.builder().word("took").regex(Pattern.compile("[aeiou]+k"))));
    }
}
