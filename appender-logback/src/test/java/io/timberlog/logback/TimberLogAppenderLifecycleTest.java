package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.query.VerifyReport;
import io.timberlog.testing.ConfiguredOptions;
import io.timberlog.testing.NearlyFullStack;
import io.timberlog.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimberLogAppenderLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void start_withoutDir_reportsAnErrorAndStaysStopped() {
        LoggerContext context = LogbackFixture.load("no-dir-logback.xml", dir);
        try {
            assertFalse(LogbackFixture.timberLog(context).isStarted());
            assertTrue(LogbackFixture.statuses(context, Status.ERROR).stream().anyMatch(m -> m.contains("needs a <dir>")),
                    LogbackFixture.statuses(context, Status.ERROR).toString());
            context.getLogger("test").info("the application logs on");
        } finally {
            context.stop();
        }
    }

    @Test
    void start_withWrongOptionValue_reportsAnErrorNamingTheOption() {
        LoggerContext context = LogbackFixture.load("bad-option-logback.xml", dir);
        try {
            assertFalse(LogbackFixture.timberLog(context).isStarted());
            List<String> errors = LogbackFixture.statuses(context, Status.ERROR);
            assertTrue(errors.stream().anyMatch(m -> m.contains("fsync") && m.contains("sometimes")), errors.toString());
        } finally {
            context.stop();
        }
    }

    @Test
    void start_everyOption_isPassedToTheStoreWithPropertiesResolved() {
        LoggerContext context = LogbackFixture.load("options-logback.xml", dir);
        try {
            TimberLogAppender appender = LogbackFixture.timberLog(context);
            assertTrue(appender.isStarted());
            ConfiguredOptions.assertEveryOptionApplied(appender.getStore().options(), dir);
            assertEquals(List.of(), LogbackFixture.statuses(context, Status.ERROR));
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
        LoggerContext context = LogbackFixture.load("options-logback.xml", dir);
        try {
            List<String> warnings = LogbackFixture.statuses(context, Status.WARN);
            ConfiguredOptions.assertUnknownOptionsReportedAsIgnored(dir, option -> warnings.stream()
                    .anyMatch(m -> m.contains("<" + option + "> is not supported")));
        } finally {
            context.stop();
        }
    }

    /**
     * An Error while the store opens must not fail the application's start: logback hands an appender's
     * Error on to whoever configures it. Here a StackOverflowError comes out of a status listener of the
     * application's as it hears that the directory cannot be opened (an OutOfMemoryError reserving the
     * store's memory, or making its threads, is another; JUnit would abort the run on one).
     */
    @Test
    void start_errorWhileOpeningTheStore_isNotThrownAtTheApplication() throws Exception {
        Path blocker = Files.createFile(dir.resolve("blocker")); // no directory can be made inside a regular file
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        StatusListener failing = status -> {
            heard.add(status.getMessage());
            if (status.getMessage().contains("cannot open store")) {
                throw new StackOverflowError("thrown by a test's status listener");
            }
        };
        LoggerContext context = assertDoesNotThrow(() -> LogbackFixture.load("capture-logback.xml",
                blocker.resolve("store"), failing));
        try {
            assertTrue(heard.stream().anyMatch(m -> m.contains("cannot open store")), heard.toString());
            assertDoesNotThrow(() -> context.getLogger("test").info("the application logs on"));
            assertEquals(1, LogbackFixture.listed(context).size(), "the application's other appenders get the event");
        } finally {
            context.stop();
        }
    }

    @Test
    void stop_closesTheStore_soThatAnotherWriterCanOpenIt() throws Exception {
        LoggerContext context = LogbackFixture.load("capture-logback.xml", dir);
        context.getLogger("test").info("before stop");
        context.stop();
        ConfiguredOptions.assertClosed(dir);
        assertEquals(List.of("before stop"), Stores.messages(Stores.read(dir)));
    }

    @Test
    void stopThenStart_writesASecondRunToTheSameStore() {
        LoggerContext context = LogbackFixture.load("capture-logback.xml", dir);
        TimberLogAppender appender = LogbackFixture.timberLog(context);
        context.getLogger("test").info("first run");
        appender.stop();
        context.getLogger("test").info("while stopped");
        appender.start();
        context.getLogger("test").info("second run");
        context.stop();

        List<LogEvent> events = Stores.read(dir);
        assertEquals(List.of("first run", "second run"), Stores.messages(events));
        assertNotEquals(events.get(0).run(), events.get(1).run());
        assertFalse(Files.exists(dir.resolve(LogStore.FALLBACK_DIRECTORY)));
    }

    @Test
    void reconfigure_sameDirectory_goesOnWritingTheMainStore() throws Exception {
        LoggerContext context = LogbackFixture.load("capture-logback.xml", dir);
        context.getLogger("test").info("before reconfiguration");
        context.reset(); // what logback's scan does before it reads the changed file
        context.putProperty("storeDir", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("capture-logback.xml"));
        context.getLogger("test").info("after reconfiguration");
        context.stop();

        assertEquals(List.of("before reconfiguration", "after reconfiguration"), Stores.messages(Stores.read(dir)));
        assertFalse(Files.exists(dir.resolve(LogStore.FALLBACK_DIRECTORY)));
    }

    /**
     * logback passes an Error from an appender on to the application. One came out of the mapping on Java 25:
     * a thread with the JVM's smallest stack logged an exception once the mapping was hot, and the JVM's
     * deoptimization overflowed the stack. A marker whose name overflows raises one there at will.
     */
    @Test
    void append_errorWhileCapturing_isDroppedCountedAndReported_notThrownAtTheApplication() {
        LoggerContext context = LogbackFixture.load("capture-logback.xml", dir);
        TimberLogAppender appender = LogbackFixture.timberLog(context);
        org.slf4j.Logger log = context.getLogger("test");

        assertDoesNotThrow(() -> log.info(new OverflowingMarker(), "not captured"));
        log.info("captured");

        assertEquals(1, appender.getStore().droppedEvents());
        assertEquals(2, LogbackFixture.listed(context).size(), "the application's other appender gets both events");
        List<String> warnings = LogbackFixture.statuses(context, Status.WARN);
        assertTrue(warnings.stream().anyMatch(m -> m.contains("could not be captured")), warnings.toString());
        context.stop();
        assertEquals(List.of("captured"), Stores.messages(Stores.read(dir)));
    }

    /**
     * With the stack nearly full, a log call overflows it somewhere along its whole depth. Wherever that is
     * in TimberLog (the first event of a thread builds its mapper and encoder there), the appender catches
     * it, as logback would hand it on to the application: what the application gets is logback's own.
     * Without that, 16 of 20 threads had an overflow thrown at them out of TimberLog.
     */
    @Test
    void append_withTheStackNearlyFull_throwsNothingOfItsOwnAtTheApplication() throws Exception {
        LoggerContext context = LogbackFixture.load("capture-logback.xml", dir);
        org.slf4j.Logger log = context.getLogger("test");

        List<Throwable> thrown = NearlyFullStack.log(() -> log.info("deep"));
        context.stop();

        assertEquals(List.of(), NearlyFullStack.thrownByTimberLog(thrown, TimberLogAppender.class, "append"));
        VerifyReport report = StoreSet.open(dir).verify();
        assertTrue(report.isWhole(), report.problems().toString());
    }

    /** A marker whose name cannot be had: asking for it overflows the stack. */
    private static final class OverflowingMarker implements org.slf4j.Marker {
        @Override
        public String getName() {
            throw new StackOverflowError();
        }

        @Override
        public void add(org.slf4j.Marker reference) {
        }

        @Override
        public boolean remove(org.slf4j.Marker reference) {
            return false;
        }

        @Override
        @Deprecated
        public boolean hasChildren() {
            return false;
        }

        @Override
        public boolean hasReferences() {
            return false;
        }

        @Override
        public java.util.Iterator<org.slf4j.Marker> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public boolean contains(org.slf4j.Marker other) {
            return false;
        }

        @Override
        public boolean contains(String name) {
            return false;
        }
    }

    @Test
    void append_underAsyncAppender_keepsEveryEventWithItsCallersThread() throws Exception {
        LoggerContext context = LogbackFixture.load("async-logback.xml", dir);
        Thread caller = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                context.getLogger("async").info("event {}", i);
            }
        }, "caller-1");
        caller.start();
        caller.join();
        context.stop(); // the AsyncAppender hands on what it holds, then stops the TimberLog appender

        List<LogEvent> events = Stores.read(dir);
        assertEquals(500, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals("event " + i, events.get(i).message());
            assertEquals("caller-1", events.get(i).thread());
        }
    }
}
