package io.timberlog.logback;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The build runs these tests once per supported logback version; this checks that each run has the one it names. */
class LogbackVersionTest {
    @Test
    void classPath_hasTheLogbackVersionThisRunTests() throws IOException {
        String expected = System.getProperty("timberlog.test.expectedLogbackVersion");
        assertNotNull(expected, "run through Maven, which names the logback version of each test run");
        Properties pom = new Properties();
        try (InputStream in = ch.qos.logback.classic.Logger.class.getResourceAsStream(
                "/META-INF/maven/ch.qos.logback/logback-classic/pom.properties")) {
            assertNotNull(in, "logback-classic's pom.properties");
            pom.load(in);
        }
        assertEquals(expected, pom.getProperty("version"));
    }
}
