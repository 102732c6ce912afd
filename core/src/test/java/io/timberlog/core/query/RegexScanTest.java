package io.timberlog.core.query;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.Level;
import io.timberlog.core.LogEvent;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.internal.regex.RegexDfa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.timberlog.core.query.QueryTestStores.run;
import static io.timberlog.core.query.QueryTestStores.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code --grep} over segments tests most events by their template and arguments, without their
 * message ({@link RegexDfa}): it must find exactly the events whose formatted message
 * {@code Matcher.find()} finds, whatever the argument kinds, styles and escapes.
 */
class RegexScanTest {
    @TempDir
    static Path dir;
    private static List<LogEvent> all;

    @BeforeAll
    static void writeStore() throws IOException {
        write(dir, w -> {
            for (int i = 0; i < 3000; i++) {
                w.append(event(w.e, i));
            }
        });
        all = new ArrayList<>();
        for (QueryHit h : run(dir, Query.all())) {
            all.add(h.event());
        }
        assertEquals(3000, all.size());
    }

    /** Events of every argument kind and style, with text around and between the arguments. */
    private static CapturedEvent event(CapturedEvent e, int i) {
        e.reset().timestamp(QueryTestStores.T0 + i * 1_000_000L).level(Level.INFO).logger("a.B").thread("t");
        switch (i % 10) {
            case 0:
                return e.message("order {} for {} took {} ms", MessageStyle.SLF4J).addArgument(i)
                        .addArgument("customer-" + (i * 7 % 100)).addArgument((long) (i % 1500));
            case 1:
                return e.message("delta {}{} and {}", MessageStyle.SLF4J).addArgument(-i).addArgument(i * 31L)
                        .addArgument(Long.MIN_VALUE + i);
            case 2:
                return e.message("ratio {} flag {} none {} f {}", MessageStyle.SLF4J).addArgument(i / 7.0)
                        .addArgument(i % 4 == 0).addArgument((Object) null).addArgument(i * 0.25f);
            case 3:
                return e.message("escaped \\{} then {} and \\\\{}", MessageStyle.SLF4J).addArgument("x" + i)
                        .addArgument(i);
            case 4:
                return e.message("log4j {} {} of {}", MessageStyle.LOG4J2).addArgument(i).addArgument("ab" + i);
            case 5:
                return e.message("literal took 1" + i + " ms {}", MessageStyle.LITERAL);
            case 6:
                return e.message("stored", MessageStyle.SLF4J).formattedMessage("custom took " + i + " ms\nline two");
            case 7:
                if (i % 20 == 7) { // a pair split between two arguments
                    return e.message("split {}{} end", MessageStyle.SLF4J).addArgument("a\ud83d").addArgument("\ude00x" + i);
                }
                // a pair split between the template and an argument, and a lone surrogate
                return e.message("pair \ud83d{} lone {}", MessageStyle.SLF4J).addArgument("\ude00x" + i)
                        .addArgument("\ud800");
            case 8:
                return e.message("fewer {} {} {}", MessageStyle.SLF4J).addArgument("v" + i);
            default:
                return e.message("more {}", MessageStyle.SLF4J).addArgument(i).addArgument("extra")
                        .addArgument("req-" + i + "-" + (i * 3) + "-end");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"took 1[0-4][0-9][0-9] ms", "customer-4[0-9] took", "^order 1", "-[0-9]+", "delta -\\d", "9223372036854775",
            "\\d\\.\\d", "true|false", "null", "\\{\\}", "\\\\x", "of ab1", "took 1\\d* ms\\n", "line two",
            "pair .x", "pair ..x", "a.x", "a..x", "lone .", "[^\\x00-\\x7f]", "fewer v1+ \\{\\}", "req-\\d+-\\d+-end", "ms$", "(?i)TOOK",
            "\\bfor\\b", "e[0-9]", "^", "x{2,}", "0\\.25|1\\.0",
            // matches that an argument starts, ends or holds whole: one whose value cannot matter is not read
            "order 12", "1 for", "0 for customer-1", "for customer-\\d+ took 1", "-\\d+ ms", "r-1\\d took",
            "\\d-end", "req-1\\d*-3", "delta -1\\d*9", "8 and -", "[0-9] of ab"})
    void grep_findsWhatMatcherFindFindsInEachMessage(String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        List<Long> expected = new ArrayList<>();
        for (LogEvent e : all) {
            if (p.matcher(e.message()).find()) {
                expected.add(e.sequence());
            }
        }
        List<Long> found = new ArrayList<>();
        for (QueryHit h : run(dir, Query.builder().regex(p).build())) {
            found.add(h.event().sequence());
        }
        assertEquals(expected, found, regex);
    }

    @Test
    void formatMessages_givesTheMessagesTheEventsFormat() throws IOException {
        for (Query q : List.of(Query.builder().formatMessages(true).build(),
                Query.builder().formatMessages(true).regex(Pattern.compile("o")).build())) {
            List<String> expected = new ArrayList<>();
            for (LogEvent e : all) {
                if (q.regexes().isEmpty() || e.message().contains("o")) {
                    expected.add(e.message());
                }
            }
            List<String> messages = new ArrayList<>();
            for (QueryHit h : run(dir, q)) {
                messages.add(h.event().message());
            }
            assertEquals(expected, messages);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"took 1[0-4][0-9][0-9] ms", "pair .x", "a.x", "\\{\\}", "^order 1"})
    void grep_theseGoThroughTheAutomaton(String regex) {
        assertFalse(RegexDfa.compile(Pattern.compile(regex)) == null, regex);
    }
}
