package io.timberlog.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ErrorReporterTest {
    @Test
    void describe_outOfMemoryWrappedByAReadingThread_saysSoAndHowToGiveMore() {
        String line = ErrorReporter.describe(new IllegalStateException("a block could not be read",
                new RuntimeException(new OutOfMemoryError("Java heap space"))));
        assertEquals("out of memory (Java heap space): give the JVM more with TIMBERLOG_JAVA_OPTS=-Xmx2g", line);
    }
}
