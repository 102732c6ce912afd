package io.timberlog.log4j2;

import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import io.timberlog.testing.ConfiguredOptions;
import io.timberlog.testing.NearlyFullStack;
import io.timberlog.testing.Stores;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimberLogAppenderLifecycleTest {
    @TempDir
    Path dir;

    private Log4jFixture status;

    @BeforeEach
    void listen() {
        status = Log4jFixture.listen();
    }

    @AfterEach
    void stopListening() {
        status.stopListening();
    }

    @Test
    void pluginIndex_isInTheJar_soThatNoPackagesAttributeIsNeeded() throws Exception {
        URL classes = TimberLogAppender.class.getProtectionDomain().getCodeSource().getLocation();
        String indexPath = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
        URL indexUrl = classes.getPath().endsWith(".jar") ? new URL("jar:" + classes + "!/" + indexPath)
                : new URL(classes, indexPath);
        try (InputStream index = indexUrl.openStream()) {
            assertNotNull(index, "written by log4j2's annotation processor");
            assertTrue(new String(index.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(TimberLogAppender.class.getName()));
        }
    }

    @Test
    void start_everyOption_isPassedToTheStoreWithPropertiesResolved() {
        LoggerContext context = Log4jFixture.load("options-log4j2.xml", dir);
        try {
            ConfiguredOptions.assertEveryOptionApplied(Log4jFixture.timberLog(context).getStore().options(), dir);
        } finally {
            context.stop();
        }
    }

    /**
     * Retention (maxTotalSize, maxAge) is being added to the core; until it knows the options, the appender
     * passes them on all the same and says that they are ignored.
     */
    @Test
    void start_optionTheCoreDoesNotKnow_isReportedAsIgnored() {
        LoggerContext context = Log4jFixture.load("options-log4j2.xml", dir);
        context.stop();
        ConfiguredOptions.assertUnknownOptionsReportedAsIgnored(dir, option -> status.warnings().stream()
                .anyMatch(m -> m.contains("option " + option + " is not supported")));
    }

    @Test
    void start_withWrongOptionValue_reportsAnErrorNamingTheOption() {
        LoggerContext context = Log4jFixture.load("bad-option-log4j2.xml", dir);
        try {
            assertNull(Log4jFixture.timberLog(context));
            assertTrue(status.warnings().stream().anyMatch(m -> m.contains("fsync") && m.contains("sometimes")),
                    status.warnings().toString());
            context.getLogger("test").info("the application logs on");
        } finally {
            context.stop();
        }
    }

    /**
     * With the stack nearly full, a log call overflows it somewhere along its whole depth. Wherever that is
     * in TimberLog (the first event of a thread builds its mapper and encoder there), the appender catches
     * it: log4j2 would report it as the appender's failure, uncounted, and with ignoreExceptions="false"
     * throw it at the application.
     */
    @Test
    void append_withTheStackNearlyFull_throwsNothingOfItsOwn() throws Exception {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        org.apache.logging.log4j.Logger log = context.getLogger("test");

        List<Throwable> thrown = NearlyFullStack.log(() -> log.info("deep"));
        context.stop();

        assertEquals(List.of(), NearlyFullStack.thrownByTimberLog(thrown, TimberLogAppender.class, "append"));
        assertEquals(List.of(), status.warnings().stream().filter(m -> m.contains("TIMBERLOG")).collect(
                java.util.stream.Collectors.toList()));
        VerifyReport report = StoreSet.open(dir).verify();
        assertTrue(report.isWhole(), report.problems().toString());
    }

    /**
     * An Error out of the mapping is a dropped event, counted and reported as other trouble is (log4j2 would
     * hand it to its error handler uncounted, and throw it at the application with ignoreExceptions="false").
     * One came out of the logback appender's mapping on Java 25:
     * a thread with the JVM's smallest stack logged an exception once the mapping was hot, and the JVM's
     * deoptimization overflowed the stack. A marker whose name overflows raises one there at will.
     */
    @Test
    void append_errorWhileCapturing_isDroppedCountedAndReported_notThrownAtTheApplication() {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        TimberLogAppender appender = Log4jFixture.timberLog(context);
        org.apache.logging.log4j.Logger log = context.getLogger("test");

        assertDoesNotThrow(() -> log.info(new OverflowingMarker(), "not captured"));
        log.info("captured");

        assertEquals(1, appender.getStore().droppedEvents());
        assertEquals(List.of("not captured", "captured"), Log4jFixture.recording(context, "MSG").rendered,
                "the application's other appenders get both events");
        assertTrue(status.warnings().stream().anyMatch(m -> m.contains("could not be captured")),
                status.warnings().toString());
        context.stop();
        assertEquals(List.of("captured"), Stores.messages(Stores.read(dir)));
    }

    /** A marker whose name cannot be had: asking for it overflows the stack. */
    private static final class OverflowingMarker implements org.apache.logging.log4j.Marker {
        @Override
        public String getName() {
            throw new StackOverflowError();
        }

        @Override
        public org.apache.logging.log4j.Marker addParents(org.apache.logging.log4j.Marker... markers) {
            return this;
        }

        @Override
        public org.apache.logging.log4j.Marker[] getParents() {
            return null;
        }

        @Override
        public boolean hasParents() {
            return false;
        }

        @Override
        public boolean isInstanceOf(org.apache.logging.log4j.Marker m) {
            return m == this;
        }

        @Override
        public boolean isInstanceOf(String name) {
            return false;
        }

        @Override
        public boolean remove(org.apache.logging.log4j.Marker marker) {
            return false;
        }

        @Override
        public org.apache.logging.log4j.Marker setParents(org.apache.logging.log4j.Marker... markers) {
            return this;
        }
    }

    @Test
    void stop_closesTheStore_soThatAnotherWriterCanOpenIt() throws Exception {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        context.getLogger("test").info("before stop");
        context.stop();
        ConfiguredOptions.assertClosed(dir);
        assertEquals(List.of("before stop"), Stores.messages(Stores.read(dir)));
    }

    @Test
    void stopThenStartAgain_writesASecondRunToTheSameStore() {
        LoggerContext first = Log4jFixture.load("capture-log4j2.xml", dir);
        first.getLogger("test").info("first run");
        first.stop();
        LoggerContext second = Log4jFixture.load("capture-log4j2.xml", dir);
        second.getLogger("test").info("second run");
        second.stop();

        List<LogEvent> events = Stores.read(dir);
        assertEquals(List.of("first run", "second run"), Stores.messages(events));
        assertNotEquals(events.get(0).run(), events.get(1).run());
    }

    /** log4j2 starts the new configuration before it stops the old one: the store is handed over, not reopened. */
    @Test
    void reconfigure_sameDirectory_goesOnWritingTheMainStore() {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        context.getLogger("test").info("before reconfiguration");
        context.reconfigure();
        context.getLogger("test").info("after reconfiguration");
        context.stop();

        List<LogEvent> events = Stores.read(dir);
        assertEquals(List.of("before reconfiguration", "after reconfiguration"), Stores.messages(events));
        assertFalse(Files.exists(dir.resolve(LogStore.FALLBACK_DIRECTORY)), status.warnings().toString());
    }

    /**
     * A reconfiguration that changes the options reopens the store with them (a new run), and loses
     * nothing logged meanwhile: appends that meet the store closed wait for the reopened one.
     */
    @Test
    void reconfigure_withOtherOptions_reopensTheStoreWithThem_losingNothingLoggedMeanwhile() throws Exception {
        LoggerContext context = Log4jFixture.load("capture-log4j2.xml", dir);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger logged = new java.util.concurrent.atomic.AtomicInteger();
        Thread logging = new Thread(() -> {
            org.apache.logging.log4j.Logger logger = context.getLogger("test");
            while (!stop.get()) {
                logger.info("event {}", logged.get());
                logged.incrementAndGet();
            }
        });
        logging.start();
        try {
            // events in every run: on a loaded machine the logging thread can miss a fixed pause entirely
            awaitLoggedBeyond(logged, 0);
            for (String config : List.of("small-wal-log4j2.xml", "capture-log4j2.xml", "small-wal-log4j2.xml")) {
                context.setConfigLocation(getClass().getClassLoader().getResource(config).toURI());
                awaitLoggedBeyond(logged, logged.get());
            }
            assertEquals(256 << 10, Log4jFixture.timberLog(context).getStore().options().maxWalSize());
        } finally {
            stop.set(true);
            logging.join();
            context.stop();
        }
        List<LogEvent> events = Stores.read(dir);
        assertEquals(logged.get(), events.size(), status.warnings().toString());
        assertEquals(logged.get(), Stores.messages(events).stream().distinct().count(), "none twice");
        assertEquals(4, events.stream().map(LogEvent::run).distinct().count(), "a run per reopen");
        assertFalse(Files.exists(dir.resolve(LogStore.FALLBACK_DIRECTORY)), status.warnings().toString());
    }

    /** Waits until the logging thread has logged 100 events more than {@code before}. */
    private static void awaitLoggedBeyond(java.util.concurrent.atomic.AtomicInteger logged, int before)
            throws InterruptedException {
        while (logged.get() < before + 100) {
            Thread.sleep(1);
        }
    }

    @Test
    void twoAppenders_onOneDirectory_theSecondWritesAFallbackStoreWithItsOwnOptions() {
        LoggerContext context = Log4jFixture.load("two-appenders-log4j2.xml", dir);
        try {
            TimberLogAppender second = context.getConfiguration().getAppender("SECOND");
            assertEquals(dir.resolve(LogStore.FALLBACK_DIRECTORY), second.getStore().store().directory().getParent());
            assertEquals(io.timberlog.core.FsyncPolicy.ALWAYS, second.getStore().options().fsync());
            assertTrue(status.warnings().stream().anyMatch(m -> m.contains("fallback")), status.warnings().toString());
        } finally {
            context.stop();
        }
    }

    @Test
    void includeCallerData_notABoolean_isAnErrorNotFalse() {
        LoggerContext context = Log4jFixture.load("caller-data-yes-log4j2.xml", dir);
        try {
            assertNull(Log4jFixture.timberLog(context));
            assertTrue(status.warnings().stream().anyMatch(m -> m.contains("includeCallerData must be true or false, "
                    + "was 'yes'")), status.warnings().toString());
        } finally {
            context.stop();
        }
    }

    @Test
    void append_behindAsyncLoggerAndAsyncAppender_keepsEveryEventWithItsCallersThread() throws Exception {
        LoggerContext context = Log4jFixture.load("async-log4j2.xml", dir);
        Thread caller = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                context.getLogger("async.logger").info("async logger {}", i);
                context.getLogger("async.appender").info("async appender {}", i);
            }
        }, "caller-1");
        caller.start();
        caller.join();
        context.stop(); // drains the ring buffer and the AsyncAppender's queue, then stops the appenders

        for (Path store : new Path[] {dir, dir.resolve("behind-async-appender")}) {
            List<LogEvent> events = Stores.read(store);
            assertEquals(500, events.size(), store.toString());
            for (int i = 0; i < events.size(); i++) {
                assertTrue(events.get(i).message().endsWith(" " + i), events.get(i).message());
                assertEquals("caller-1", events.get(i).thread());
            }
        }
    }
}
