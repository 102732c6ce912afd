package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Loads real logback configuration files into contexts of their own, and reads what the store kept. */
final class LogbackFixture {
    private LogbackFixture() {
    }

    /** A new logger context configured from the class path resource, with {@code ${storeDir}} set to {@code dir}. */
    static LoggerContext load(String resource, Path dir) {
        return load(resource, dir, null);
    }

    /** As {@link #load(String, Path)}, with {@code listener} (unless null) hearing the status of the configuration. */
    static LoggerContext load(String resource, Path dir, StatusListener listener) {
        LoggerContext context = new LoggerContext();
        context.setName(resource);
        if (listener != null) {
            context.getStatusManager().add(listener);
        }
        context.putProperty("storeDir", dir.toString());
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // what the SLF4J provider does for its own context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL url = LogbackFixture.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no such resource: " + resource);
        }
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        return context;
    }

    static TimberLogAppender timberLog(LoggerContext context) {
        return (TimberLogAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("TIMBERLOG");
    }

    @SuppressWarnings("unchecked")
    static List<ILoggingEvent> listed(LoggerContext context) {
        return ((ListAppender<ILoggingEvent>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LIST")).list;
    }

    /** The event rendered by logback itself with {@code pattern}. */
    static String render(LoggerContext context, String pattern, ILoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout.doLayout(event);
    }

    /** The version of the logback-classic on the class path: the build runs the tests once per supported version. */
    static String version() {
        Properties pom = new Properties();
        try (InputStream in = ch.qos.logback.classic.Logger.class.getResourceAsStream(
                "/META-INF/maven/ch.qos.logback/logback-classic/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("logback-classic has no pom.properties");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    /** Messages of the context's status entries of {@code level} ({@link Status#WARN}, {@link Status#ERROR}). */
    static List<String> statuses(LoggerContext context, int level) {
        List<String> messages = new ArrayList<>();
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() == level) {
                messages.add(status.getMessage());
            }
        }
        return messages;
    }
}
