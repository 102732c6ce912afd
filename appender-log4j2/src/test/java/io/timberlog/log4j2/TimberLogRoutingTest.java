package io.timberlog.log4j2;

import org.apache.logging.log4j.core.LoggerContext;
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
        context = Log4jFixture.load("routing-log4j2.xml", dir);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void reachesTimberLogAppender_throughTheRootLogger_isTrue() {
        assertTrue(TimberLogRouting.reachesTimberLogAppender(context.getLogger("com.acme.Orders")));
    }

    @Test
    void reachesTimberLogAppender_belowANonAdditiveLoggerWithout_isFalse() {
        assertFalse(TimberLogRouting.reachesTimberLogAppender(context.getLogger("isolated.child")));
    }

    @Test
    void reachesTimberLogAppender_behindAnAsyncAppender_isTrue() {
        assertTrue(TimberLogRouting.reachesTimberLogAppender(context.getLogger("async.only.child")));
    }

    @Test
    void reachesTimberLogAppender_onceStopped_isFalse() {
        Log4jFixture.timberLog(context).stop();
        assertFalse(TimberLogRouting.reachesTimberLogAppender(context.getLogger("com.acme")));
    }
}
