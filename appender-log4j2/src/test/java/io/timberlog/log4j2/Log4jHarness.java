package io.timberlog.log4j2;

import io.timberlog.core.ManagedStore;
import io.timberlog.testing.AppenderHarness;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** log4j2 behind the shared appender tests: a context of its own, configured from a real log4j2.xml. */
final class Log4jHarness implements AppenderHarness {
    private final Log4jFixture status;
    private final LoggerContext context;
    private final TimberLogAppender appender;

    private Log4jHarness(Log4jFixture status, LoggerContext context) {
        this.status = status;
        this.context = context;
        this.appender = Log4jFixture.timberLog(context);
    }

    static AppenderHarness start(Config config, Path dir) {
        Log4jFixture status = Log4jFixture.listen();
        String resource = config == Config.SMALL_WAL ? "small-wal-log4j2.xml" : "capture-log4j2.xml";
        return new Log4jHarness(status, Log4jFixture.load(resource, dir));
    }

    @Override
    public void info(String template, Object... arguments) {
        context.getLogger("app").info(template, arguments);
    }

    @Override
    public void infoTo(String logger, String template, Object... arguments) {
        context.getLogger(logger).info(template, arguments);
    }

    @Override
    public void putMdc(String key, String value) {
        ThreadContext.put(key, value);
    }

    @Override
    public void clearMdc() {
        ThreadContext.clearMap();
    }

    @Override
    public ManagedStore store() {
        return appender.getStore();
    }

    @Override
    public int eventsOfTheOtherAppender() {
        return Log4jFixture.recording(context, "MSG").rendered.size();
    }

    @Override
    public List<String> messagesOfTheOtherAppender() {
        return new ArrayList<>(Log4jFixture.recording(context, "MSG").rendered);
    }

    @Override
    public List<String> warnings() {
        return new ArrayList<>(status.warnings());
    }

    @Override
    public void close() {
        context.stop();
        status.stopListening();
    }
}
