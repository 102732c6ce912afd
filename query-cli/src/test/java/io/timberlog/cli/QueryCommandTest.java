package io.timberlog.cli;

import io.timberlog.core.Level;
import io.timberlog.core.LogStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class QueryCommandTest {
    @TempDir
    Path dir;
    String store;

    @BeforeEach
    void sample() throws Exception {
        SampleStore.write(dir);
        store = dir.toString();
    }

    private static String messages(Cli.Result r) {
        StringBuilder sb = new StringBuilder();
        for (String line : r.out().split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash >= 0) {
                sb.append(line.substring(dash + 3)).append('|');
            }
        }
        return sb.toString();
    }

    @Test
    void query_text_goldenOutput() {
        Cli.Result r = Cli.query("query", store, "--utc");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                2024-01-01 00:00:01.000 INFO  [main] com.acme.orders.OrderService - order 1 for alice took 120 ms
                2024-01-01 00:00:02.000 DEBUG [main] com.acme.orders.OrderService - cache miss k1
                2024-01-01 00:00:03.000 WARN  [main] com.acme.payments.Gateway - slow gateway 900 ms
                2024-01-01 00:00:04.250 INFO  [main] com.acme.orders.OrderService - order 2 for bob took 700 ms
                2024-01-01 00:00:05.000 ERROR [main] com.acme.orders - payment failed for carol
                java.lang.IllegalStateException: wrapped
                \tat a.B.c(B.java:1)
                Caused by: java.net.SocketTimeoutException: read timed out
                \tat x.Y.z(Y.java:2)
                2024-01-01 00:00:06.000 INFO  [worker-2] com.acme.orders.OrderService - order 3 for dave took 501.5 ms
                """, r.out());
        assertEquals("", r.err());
    }

    @Test
    void query_withoutCommandName_isTheDefaultCommand() {
        assertEquals(Cli.query("query", store).out(), Cli.query(store).out());
        assertEquals(Cli.query("query", store, "-n", "1").out(), Cli.query("-n", "1", store).out());
    }

    @Test
    void query_logfmt_goldenOutput() {
        Cli.Result r = Cli.query(store, "--format", "logfmt", "--level", "WARN");
        assertEquals("""
                time=2024-01-01T00:00:03.000000000Z level=WARN store=. logger=com.acme.payments.Gateway thread=main msg="slow gateway 900 ms"
                time=2024-01-01T00:00:05.000000000Z level=ERROR store=. logger=com.acme.orders thread=main msg="payment failed for carol" requestId=r-5 customer=carol markers=AUDIT exception=java.lang.IllegalStateException error="java.lang.IllegalStateException: wrapped"
                """, r.out());
    }

    @Test
    void query_logfmt_mdcAndKeyValuesCannotPassForTheLinesOwnKeys(@TempDir Path other) throws Exception {
        Cli.write(other, w -> w.append(w.event(1, Level.INFO, "l", "hello").putMdc("level", "FATAL")
                .putMdc("msg", "evil msg").putMdc("user", "ann").addKeyValue("logger", "x")));

        Cli.Result r = Cli.query(other.toString(), "--format", "logfmt");

        assertEquals("time=2024-01-01T00:00:01.000000000Z level=INFO store=. logger=l thread=main msg=hello "
                + "mdc.level=FATAL mdc.msg=\"evil msg\" user=ann kv.logger=x\n", r.out());
    }

    /** Every key once on a line, the markers too: an MDC key that a key-value pair repeats, keys equal once cleaned. */
    @Test
    void query_logfmt_everyKeyOnce_andTheMarkers(@TempDir Path other) throws Exception {
        Cli.write(other, w -> w.append(w.event(1, Level.INFO, "l", "hello").putMdc("k", "mdc-k").putMdc("a b", "1")
                .putMdc("a_b", "2").addKeyValue("k", "kv-k").addMarker("AUDIT").addMarker("PII")));

        Cli.Result r = Cli.query(other.toString(), "--format", "logfmt");

        assertEquals("time=2024-01-01T00:00:01.000000000Z level=INFO store=. logger=l thread=main msg=hello "
                + "k=mdc-k a_b=1 mdc.a_b=2 kv.k=kv-k markers=AUDIT,PII\n", r.out());
    }

    @Test
    void query_raw_printsMessageAndException() {
        Cli.Result r = Cli.query(store, "--format", "raw", "--since", "2024-01-01T00:00:04Z", "--until", "2024-01-01T00:00:05Z");
        assertEquals("""
                order 2 for bob took 700 ms
                payment failed for carol
                java.lang.IllegalStateException: wrapped
                \tat a.B.c(B.java:1)
                Caused by: java.net.SocketTimeoutException: read timed out
                \tat x.Y.z(Y.java:2)
                """, r.out());
    }

    @Test
    void query_level_selectsLevelAndAbove() {
        assertEquals("slow gateway 900 ms|payment failed for carol|", messages(Cli.query(store, "--level", "warn")));
    }

    @Test
    void query_sinceUntilIso_inclusive() {
        assertEquals("cache miss k1|slow gateway 900 ms|",
                messages(Cli.query(store, "--since", "2024-01-01 00:00:02", "--until", "2024-01-01T00:00:03Z", "--utc")));
    }

    @Test
    void query_sinceRelative_countsBackFromNow() {
        // the clock of the tests stands at T0 + 1h; 3599s ago is T0 + 1s
        assertEquals(6, messages(Cli.query(store, "--since", "3599s")).split("\\|").length);
        assertEquals(2, messages(Cli.query(store, "--since", "59m55s")).split("\\|").length);
        assertEquals(1, Cli.query(store, "--since", "10m").code());
        assertEquals(6, messages(Cli.query(store, "--since", "today", "--until", "now")).split("\\|").length);
        assertEquals(1, Cli.query(store, "--until", "yesterday").code());
    }

    @Test
    void query_logger_matchesTreeAndPrefix() {
        assertEquals(5, messages(Cli.query(store, "--logger", "com.acme.orders")).split("\\|").length);
        assertEquals("slow gateway 900 ms|", messages(Cli.query(store, "--logger", "com.acme.pay*")));
        assertEquals(6, messages(Cli.query(store, "--logger", "com.acme.orders", "--logger", "com.acme.payments")).split("\\|").length);
    }

    @Test
    void query_thread_matchesExactly() {
        assertEquals("order 3 for dave took 501.5 ms|", messages(Cli.query(store, "--thread", "worker-2")));
    }

    @Test
    void query_templateAndArg_comparesTypedArguments() {
        assertEquals("order 2 for bob took 700 ms|order 3 for dave took 501.5 ms|",
                messages(Cli.query(store, "--template", "order {} for {} took {} ms", "--arg", "2>500")));
        assertEquals("order 1 for alice took 120 ms|", messages(Cli.query(store, "--arg", "1=alice")));
        assertEquals("order 3 for dave took 501.5 ms|", messages(Cli.query(store, "--arg", "2>500", "--arg", "2<600")));
    }

    @Test
    void query_grepAndText_matchMessage() {
        assertEquals("order 2 for bob took 700 ms|slow gateway 900 ms|".length(),
                messages(Cli.query(store, "--grep", "[79]00 ms")).length());
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--text", "bob")));
        assertEquals(1, Cli.query(store, "--text", "BOB").code());
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--text", "BOB", "-i")));
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--grep", "B.B", "--ignore-case")));
    }

    @Test
    void query_text_matchesWholeWordsOnly() {
        assertEquals(1, Cli.query(store, "--text", "70").code());
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--text", "700", "--text", "bob")));
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--text", "bob took")));
        assertEquals(1, Cli.query(store, "--text", "ob took").code());
    }

    @Test
    void query_contains_matchesInsideWordsUnlessWholeWords() {
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--contains", "70", "--text", "bob")));
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "-s", "OB TOOK", "-i")));
        assertEquals(1, Cli.query(store, "--contains", "70", "-w").code());
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--contains", "700", "-w")));
    }

    @Test
    void query_grepWholeWords_matchOnlyWholeWords() {
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--grep", "b.b", "--whole-words")));
        assertEquals(1, Cli.query(store, "--grep", "o.", "-w", "--text", "bob").code());
    }

    @Test
    void query_field_matchesMdcAndKeyValues() {
        assertEquals("order 1 for alice took 120 ms|", messages(Cli.query(store, "--field", "requestId=r-1")));
        assertEquals("payment failed for carol|", messages(Cli.query(store, "--field", "customer=carol")));
    }

    @Test
    void query_exception_matchesCauses() {
        assertEquals("payment failed for carol|", messages(Cli.query(store, "--exception", "SocketTimeoutException")));
        assertEquals("payment failed for carol|", messages(Cli.query(store, "-e", "java.lang.IllegalStateException")));
        assertEquals(1, Cli.query(store, "--exception", "java.io.IOException").code());
    }

    @Test
    void query_linesAndReverse_tailAndNewestFirst() {
        assertEquals("payment failed for carol|order 3 for dave took 501.5 ms|", messages(Cli.query(store, "-n", "2")));
        assertEquals("order 3 for dave took 501.5 ms|payment failed for carol|",
                messages(Cli.query(store, "-n", "2", "--reverse")));
        assertEquals("order 3 for dave took 501.5 ms|", messages(Cli.query(store, "-r")).substring(0, 31));
        assertEquals("order 1 for alice took 120 ms|", messages(Cli.query(store, "--lines", "1", "--level", "INFO",
                "--until", "2024-01-01T00:00:02Z")));
        assertEquals("", Cli.query(store, "-n", "0").out());
    }

    @Test
    void query_run_selectsPreviousRun() throws Exception {
        Cli.write(dir, w -> w.append(100, Level.INFO, "l", "second run"));
        assertEquals("second run|", messages(Cli.query(store, "--run", "0")));
        assertEquals(6, messages(Cli.query(store, "--run", "-1")).split("\\|").length);
        Cli.Result none = Cli.query(store, "--run", "-2");
        assertEquals(2, none.code());
        assertEquals("timberlog: no run -2: there are 2 runs (0 the latest, -1 the oldest; 1 to 2 counting from the "
                + "oldest)\n", none.err());
        assertEquals(2, Cli.query(store, "--run", "3").code());
        assertEquals("second run|", messages(Cli.query(store, "--run", "2")));
    }

    @Test
    void query_runOfAStoreWithOneRun_namesTheOnlyPositions() {
        Cli.Result none = Cli.query(store, "--run", "-1");
        assertEquals(2, none.code());
        assertEquals("timberlog: no run -1: there is 1 run (0, or 1 counting from the oldest)\n", none.err());
    }

    @Test
    void query_combinedFilters_allMustMatch() {
        assertEquals("order 2 for bob took 700 ms|", messages(Cli.query(store, "--level", "INFO", "--logger",
                "com.acme.orders", "--since", "2024-01-01T00:00:02Z", "--grep", "took \\d+ ms", "--arg", "2>=600",
                "--thread", "main", "-n", "5", "--reverse")));
        assertEquals("order 3 for dave took 501.5 ms|order 2 for bob took 700 ms|",
                messages(Cli.query(store, "--text", "took", "--arg", "2>500", "-r")));
        assertEquals(1, Cli.query(store, "--field", "requestId=r-5", "--exception", "SocketTimeoutException",
                "--level", "FATAL").code());
    }

    @Test
    void query_lastAcrossStores_inTimeOrderWithOrigin() throws Exception {
        Cli.write(LogStore.fallbackDirectory(dir, 7), w -> {
            w.append(4.5, Level.INFO, "other", "other 4.5");
            w.append(9, Level.INFO, "other", "other 9");
        });
        Cli.Result r = Cli.query(store, "-n", "3", "--pattern", "%store %msg%n%nopex");
        assertEquals(". payment failed for carol\n. order 3 for dave took 501.5 ms\nfallback/pid-7 other 9\n", r.out());
        assertEquals("other 9\norder 3 for dave took 501.5 ms\n", Cli.query(store, "-n", "2", "-r", "-o", "raw").out());
    }

    @Test
    void query_noMatch_exitsOne() {
        Cli.Result r = Cli.query(store, "--text", "no such text");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void query_fallbackStore_mergedAndLabelled() throws Exception {
        Cli.write(LogStore.fallbackDirectory(dir, 42), w -> w.append(3.5, Level.WARN, "other", "from the other process"));
        Cli.Result r = Cli.query(store, "--level", "WARN", "--utc");
        assertEquals("""
                . 2024-01-01 00:00:03.000 WARN  [main] com.acme.payments.Gateway - slow gateway 900 ms
                fallback/pid-42 2024-01-01 00:00:03.500 WARN  [main] other - from the other process
                . 2024-01-01 00:00:05.000 ERROR [main] com.acme.orders - payment failed for carol
                """, r.out().replaceAll("(?m)^java.*\\n|^\\tat.*\\n|^Caused.*\\n", ""));
        assertTrue(Cli.query(store, "--format", "json", "--text", "other process").out().contains("\"store\":\"fallback/pid-42\""));
    }

    @Test
    void query_pattern_usesLogbackSyntax() {
        Cli.Result r = Cli.query(store, "--pattern", "%d{HH:mm:ss.SSS} %-5level %logger{20} %X{requestId:-none} %msg%n",
                "--level", "WARN", "--utc");
        assertEquals("""
                00:00:03.000 WARN  c.a.payments.Gateway none slow gateway 900 ms
                00:00:05.000 ERROR com.acme.orders r-5 payment failed for carol
                java.lang.IllegalStateException: wrapped
                \tat a.B.c(B.java:1)
                Caused by: java.net.SocketTimeoutException: read timed out
                \tat x.Y.z(Y.java:2)
                """, r.out());
    }

    /** Nothing can come for an --until already past: -f prints what there is and ends, as without -f. */
    @Test
    void query_followWithAnUntilAlreadyPast_endsAfterTheEventsThereAre() throws Exception {
        java.util.concurrent.CompletableFuture<Cli.Result> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Cli.query(store, "-f", "--until", "2024-01-01T00:00:04Z", "-o", "raw"));
        Cli.Result r = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertEquals(Cli.query(store, "--until", "2024-01-01T00:00:04Z", "-o", "raw").out(), r.out());
    }

    /** %replace works on the text as logged, as logback's does, and what it gives is then made safe. */
    @Test
    void query_patternReplace_worksOnTheTextAsLogged(@TempDir Path other) throws Exception {
        Cli.write(other, w -> w.append(1, Level.INFO, "l", "esc \u001b[31m red 1\r\nend"));

        Cli.Result r = Cli.query(other.toString(), "--pattern", "%replace(%msg){'[0-9]', '#'}|%replace(%msg){'\\s', '_'}%n");

        assertEquals("esc \\x1b[##m red #\\r\nend|esc_\\x1b[31m_red_1__end\n", r.out());
    }

    /** As logback: an empty date pattern is the default one, not an empty date. */
    @Test
    void query_pattern_emptyDatePattern_isTheDefault() {
        Cli.Result empty = Cli.query(store, "--pattern", "[%d{}]%n", "-n", "1", "--utc");
        assertEquals(Cli.query(store, "--pattern", "[%d]%n", "-n", "1", "--utc").out(), empty.out());
        assertTrue(empty.out().matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}]\n"), empty.out());
    }

    @Test
    void query_colorAlways_colorsLevels() {
        String out = new Cli().run(store, "--level", "ERROR", "--color=always").out();
        assertTrue(out.contains("\u001b[1;31mERROR\u001b[0;39m"), out);
    }

    @Test
    void query_colorAuto_onlyOnTerminalWithoutNoColor() {
        assertFalse(new Cli().run(store).out().contains("\u001b["));
        assertTrue(new Cli().terminal().run(store).out().contains("\u001b["));
        assertFalse(new Cli().terminal().env("NO_COLOR", "1").run(store).out().contains("\u001b["));
        assertFalse(new Cli().terminal().run(store, "--color", "never").out().contains("\u001b["));
    }
}
