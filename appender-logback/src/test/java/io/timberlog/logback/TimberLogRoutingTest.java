package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimberLogRoutingTest {
    @TempDir
    Path dir;

    private LoggerContext context;

    @BeforeEach
    void configure() {
        context = LogbackFixture.load("routing-logback.xml", dir);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void reachesTimberLogAppender_throughTheRootLogger_isTrue() {
        assertTrue(TimberLogRouting.reachesTimberLogAppender(context.getLogger("com.acme.Orders$Inner")));
        assertTrue(TimberLogRouting.reachesTimberLogAppender(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)));
    }

    @Test
    void reachesTimberLogAppender_belowANonAdditiveLoggerWithout_isFalse() {
        assertFalse(TimberLogRouting.reachesTimberLogAppender(context.getLogger("isolated.child")));
    }

    @Test
    void reachesTimberLogAppender_insideAnAsyncAppender_isTrue() {
        assertTrue(TimberLogRouting.reachesTimberLogAppender(context.getLogger("async.only.child")));
    }

    @Test
    void reachesTimberLogAppender_onceStopped_isFalse() {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("TIMBERLOG").stop();
        assertFalse(TimberLogRouting.reachesTimberLogAppender(context.getLogger("com.acme")));
    }
}
