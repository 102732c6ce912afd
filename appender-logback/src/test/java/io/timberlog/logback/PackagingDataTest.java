package io.timberlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.timberlog.core.LogEvent;
import io.timberlog.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackagingDataTest {
    @TempDir
    Path dir;

    @Test
    void append_withPackagingData_printsAsLogbacksDefaultExceptionConverter() {
        LoggerContext context = LogbackFixture.load("packaging-logback.xml", dir);
        context.getLogger("test").error("failed", new IllegalStateException("with jars"));
        List<ILoggingEvent> logged = LogbackFixture.listed(context);
        context.stop();

        // Without %ex in the pattern logback appends its extended converter, which prints packaging data.
        String expected = LogbackFixture.render(context, "%xEx", logged.get(0));
        assertTrue(expected.contains(" ~[") || expected.contains(" ["), expected);
        LogEvent stored = Stores.read(dir).get(0);
        assertEquals(expected, stored.throwableText());
    }
}
