package io.timberlog.log4j2;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads real log4j2 configuration files into contexts of their own, listens to log4j2's status logger,
 * and reads what the store kept. The configurations name the store as {@code ${sys:timberlog.test.storeDir}}.
 */
final class Log4jFixture implements StatusListener {
    static final String STORE_DIR_PROPERTY = "timberlog.test.storeDir";

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private Log4jFixture() {
    }

    /** Starts listening to the status logger, until {@link #stopListening()}. */
    static Log4jFixture listen() {
        Log4jFixture fixture = new Log4jFixture();
        StatusLogger.getLogger().registerListener(fixture);
        return fixture;
    }

    /** A new, started logger context configured from the class path resource, writing its store to {@code dir}. */
    static LoggerContext load(String resource, Path dir) {
        System.setProperty(STORE_DIR_PROPERTY, dir.toString());
        URL url = Log4jFixture.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no such resource: " + resource);
        }
        try {
            LoggerContext context = new LoggerContext(resource + "@" + System.nanoTime(), null, url.toURI());
            context.start();
            return context;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TimberLogAppender timberLog(LoggerContext context) {
        return context.getConfiguration().getAppender("TIMBERLOG");
    }

    static RecordingAppender recording(LoggerContext context, String name) {
        return context.getConfiguration().getAppender(name);
    }

    /** Status messages at WARN and above since {@link #listen()}. */
    List<String> warnings() {
        return warnings;
    }

    @Override
    public void log(StatusData data) {
        if (data.getLevel().isMoreSpecificThan(Level.WARN)) {
            warnings.add(data.getMessage().getFormattedMessage());
        }
    }

    @Override
    public Level getStatusLevel() {
        return Level.WARN;
    }

    /** Stops listening. */
    void stopListening() {
        StatusLogger.getLogger().removeListener(this);
    }

    /** Called by the status logger when it removes this listener. */
    @Override
    public void close() {
    }
}
