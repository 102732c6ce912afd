package io.timberlog.logback;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The build runs these tests once per supported logback version; this checks that each run has the one it names. */
class LogbackVersionTest {
    @Test
    void classPath_hasTheLogbackVersionThisRunTests() {
        String expected = System.getProperty("timberlog.test.expectedLogbackVersion");
        assertNotNull(expected, "run through Maven, which names the logback version of each test run");
        assertEquals(expected, LogbackFixture.version());
    }
}
