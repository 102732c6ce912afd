package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.status.Status;
import io.timberlog.core.ManagedStore;
import io.timberlog.testing.AppenderHarness;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** logback behind the shared appender tests: a context of its own, configured from a real logback.xml. */
final class LogbackHarness implements AppenderHarness {
    private final LoggerContext context;
    private final TimberLogAppender appender;

    private LogbackHarness(LoggerContext context) {
        this.context = context;
        this.appender = LogbackFixture.timberLog(context);
    }

    static AppenderHarness start(Config config, Path dir) {
        String resource = config == Config.SMALL_WAL ? "small-wal-logback.xml" : "capture-logback.xml";
        return new LogbackHarness(LogbackFixture.load(resource, dir));
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
        MDC.put(key, value);
    }

    @Override
    public void clearMdc() {
        MDC.clear();
    }

    @Override
    public ManagedStore store() {
        return appender.getStore();
    }

    @Override
    public int eventsOfTheOtherAppender() {
        return LogbackFixture.listed(context).size();
    }

    @Override
    public List<String> messagesOfTheOtherAppender() {
        List<String> messages = new ArrayList<>();
        for (ILoggingEvent e : LogbackFixture.listed(context)) {
            messages.add(e.getFormattedMessage());
        }
        return messages;
    }

    @Override
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(LogbackFixture.statuses(context, Status.WARN));
        warnings.addAll(LogbackFixture.statuses(context, Status.ERROR));
        return warnings;
    }

    @Override
    public void close() {
        context.stop();
    }
}
