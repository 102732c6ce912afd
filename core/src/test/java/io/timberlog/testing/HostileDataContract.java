package io.timberlog.testing;

import io.timberlog.core.LogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Log content is data: whatever an application logs through a real framework (control characters, lone
 * surrogates, escape sequences, lookup syntax, huge or empty messages, arguments that fail or log,
 * thousands of names) is stored as the framework formatted it, or cut with the truncated mark, and
 * nothing in it is evaluated. Each appender module runs these with its framework.
 */
public abstract class HostileDataContract {
    /** Every C0 control, DEL, every C1 control (U+009B is CSI), the bidi controls, separators, lone surrogates. */
    public static final String CONTROLS;

    static {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            sb.append(c);
        }
        sb.append('\u007f');
        for (char c = 0x80; c <= 0x9f; c++) {
            sb.append(c);
        }
        sb.append("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufeff");
        sb.append("lone \ud800 low \udc00 reversed \udc00\ud800 pair \ud83d\ude00 end");
        CONTROLS = sb.toString();
    }

    public static final String ESCAPES = "\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u009b1m\u001bP+q\u001b\\";

    @TempDir
    protected Path tmp;
    private AppenderHarness app;

    protected abstract AppenderHarness.Factory framework();

    private AppenderHarness start() {
        app = framework().start(AppenderHarness.Config.CAPTURE, tmp.resolve("store"));
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.clearMdc();
            app.close();
        }
    }

    /** What the store holds equals what the framework made of each call, message by message. */
    private List<LogEvent> storedAsTheFrameworkFormatted() {
        List<String> formatted = app.messagesOfTheOtherAppender();
        app.close();
        List<LogEvent> events = Stores.read(tmp.resolve("store"));
        assertEquals(formatted, Stores.messages(events));
        return events;
    }

    @Test
    void log_controlCharactersSurrogatesAndEscapes_storedAsLogged() {
        AppenderHarness app = start();
        for (String text : List.of("", CONTROLS, ESCAPES, "\u0000", "\ud800", "\udfff\ud800")) {
            app.info(text);
            app.info("argument {} end", text);
            app.putMdc("key", text);
            app.infoTo(text.isEmpty() ? "empty" : text, "logger and MDC {}", text);
            app.clearMdc();
        }
        List<LogEvent> events = storedAsTheFrameworkFormatted();
        assertEquals(CONTROLS, events.get(3).message());
        assertEquals(CONTROLS, events.get(5).mdc().get("key"));
        assertEquals(CONTROLS, events.get(5).logger());
        assertEquals(ESCAPES, events.get(6).message());
    }

    /** Lookup syntax of every kind, as message, argument and MDC value: stored literally, and no connection made. */
    @Test
    void log_lookupSyntax_storedLiterallyAndNothingIsLookedUp() throws Exception {
        try (ServerSocketChannel ldap = ServerSocketChannel.open()) {
            ldap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ldap.configureBlocking(false);
            int port = ldap.socket().getLocalPort();
            String[] lookups = {"${jndi:ldap://127.0.0.1:" + port + "/a}", "${jndi:rmi://127.0.0.1:" + port + "/b}",
                    "${jndi:dns://127.0.0.1:" + port + "/c}", "${${lower:j}ndi:${lower:l}dap://127.0.0.1:" + port + "/d}",
                    "${${::-j}${::-n}${::-d}${::-i}:ldap://127.0.0.1:" + port + "/e}", "${sys:user.home}",
                    "${env:PATH}", "${java:version}", "${ctx:key}", "${date:yyyy}", "${main:0}", "${base64:aGk=}",
                    "$${sys:user.home}", "%d{yyyy} %X{key} %n %ex", "#{7*7}", "{}", "{0}", "%s"};
            AppenderHarness app = start();
            for (String lookup : lookups) {
                app.info(lookup);
                app.putMdc("key", lookup);
                app.info("argument {}", lookup);
                app.clearMdc();
            }
            List<LogEvent> events = storedAsTheFrameworkFormatted();
            for (int i = 0; i < lookups.length; i++) {
                assertEquals(lookups[i], events.get(2 * i).message());
                assertEquals("argument " + lookups[i], events.get(2 * i + 1).message());
                assertEquals(lookups[i], events.get(2 * i + 1).mdc().get("key"));
            }
            assertNull(ldap.accept(), "something connected to the address in a lookup");
        }
    }

    @Test
    void log_tenMegabyteMessage_storedCutAndMarkedTruncated() {
        String huge = "0123456789".repeat(1 << 20);
        AppenderHarness app = start();
        app.info(huge);
        app.info("argument {}", huge);
        app.info("after");
        app.close();
        List<LogEvent> events = Stores.read(tmp.resolve("store"));
        assertEquals(3, events.size());
        for (LogEvent e : events.subList(0, 2)) {
            assertTrue(e.isTruncated(), "marked truncated");
            assertTrue(e.message().length() > 1_000 && e.message().length() < huge.length(), "cut to fit");
        }
        assertTrue(huge.startsWith(events.get(0).message()), "a prefix");
        assertTrue(("argument " + huge).startsWith(events.get(1).message()), "a prefix");
        assertFalse(events.get(2).isTruncated());
        assertEquals("after", events.get(2).message());
    }

    /** An argument whose toString() throws, one that logs, one that logs itself: the application goes on. */
    @Test
    void log_argumentsThatFailOrLog_neitherThrowNorLoop() {
        AppenderHarness app = start();
        Object logs = new Object() {
            @Override
            public String toString() {
                app.info("logged from toString()");
                return "logging argument";
            }
        };
        Object recursive = new Object() { // logs itself when TimberLog's capture renders it, as often as it is let
            private int depth;

            @Override
            public String toString() {
                boolean capturing = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                        f -> f.getClassName().startsWith("io.timberlog.core.")));
                if (capturing && depth++ < 1_000) { // bounded, so that a missing guard shows as 1,000 events, not a hang
                    app.info("recursive {}", this);
                }
                return "recursive argument";
            }
        };
        app.info("failing {}", new FailingToString());
        app.info("logging {}", logs);
        app.info("recursive {}", recursive);
        app.info((String) null);
        app.info("null argument {} and {}", null, null);
        app.info("after");
        app.close();
        List<String> messages = Stores.messages(Stores.read(tmp.resolve("store")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("failing [")), messages.toString()); // each framework's placeholder
        assertTrue(messages.contains("logging logging argument"), messages.toString());
        assertTrue(messages.contains("recursive recursive argument"), messages.toString());
        assertFalse(messages.stream().anyMatch(m -> m.contains("recursive [FAILED")), "no stack overflow in toString()");
        assertTrue(messages.contains("null argument null and null"), messages.toString());
        assertEquals("after", messages.get(messages.size() - 1));
        long nested = messages.stream().filter(m -> m.equals("recursive recursive argument")).count();
        assertTrue(nested < 10, nested + " events: an event logged while capturing one is captured, but not "
                + "again and again");
    }

    /** Loggers in packages of 1,000: logback finds a child logger by a linear search of its parent's children. */
    private static String logger(int i) {
        return "com.acme.p" + i / 1_000 + ".Logger" + i;
    }

    @Test
    void log_thousandMdcEntriesAndHundredThousandLoggersAndTemplates_allStored() {
        AppenderHarness app = start();
        for (int i = 0; i < 1_000; i++) {
            app.putMdc("key-" + i, "value-" + i);
        }
        app.info("with 1,000 MDC entries");
        app.clearMdc();
        for (int i = 0; i < 100_000; i++) {
            app.infoTo(logger(i), "template " + i + " {}", i);
        }
        List<LogEvent> events = storedAsTheFrameworkFormatted();
        Map<String, String> mdc = events.get(0).mdc();
        assertEquals(1_000, mdc.size());
        assertEquals("value-999", mdc.get("key-999"));
        for (int i = 0; i < 100_000; i++) {
            LogEvent e = events.get(1 + i);
            assertEquals(logger(i), e.logger());
            assertEquals("template " + i + " {}", e.template());
        }
    }
}
