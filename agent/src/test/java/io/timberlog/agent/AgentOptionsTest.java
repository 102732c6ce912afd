package io.timberlog.agent;

import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.StoreOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentOptionsTest {
    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        properties.setProperty("java.io.tmpdir", "/var/tmp");
        properties.setProperty("user.name", "ops");
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private static StoreOptions parse(String arguments, Properties properties, Map<String, String> environment) {
        return AgentOptions.parse(arguments, properties, environment, "com.example.Main --port 8080", (m, c) -> { });
    }

    @Test
    void parse_agentArguments_setCoreOptions() {
        StoreOptions options = parse("dir=/data/tl, fsync=always,maxWalSize=1m", properties(), Map.of());
        assertEquals(Paths.get("/data/tl"), options.directory());
        assertEquals(FsyncPolicy.ALWAYS, options.fsync());
        assertEquals(1 << 20, options.maxWalSize());
    }

    @Test
    void parse_environmentVariables_inUpperCaseWithUnderscores() {
        StoreOptions options = parse(null, properties(), Map.of("TIMBERLOG_DIR", "/env", "TIMBERLOG_MAX_WAL_SIZE", "2m"));
        assertEquals(Paths.get("/env"), options.directory());
        assertEquals(2 << 20, options.maxWalSize());
    }

    @Test
    void parse_systemProperties_winOverEnvironmentVariables() {
        StoreOptions options = parse("", properties("timberlog.dir", "/property"), Map.of("TIMBERLOG_DIR", "/env"));
        assertEquals(Paths.get("/property"), options.directory());
    }

    @Test
    void parse_agentArguments_winOverSystemPropertiesAndEnvironment() {
        StoreOptions options = parse("dir=/argument", properties("timberlog.dir", "/property"),
                Map.of("TIMBERLOG_DIR", "/env"));
        assertEquals(Paths.get("/argument"), options.directory());
    }

    @Test
    void parse_unknownNameInAgentArguments_isAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("dir=/x,colour=blue", properties(), Map.of()));
        assertEquals("agent argument colour: no such option", e.getMessage());
    }

    @Test
    void parse_unknownSystemPropertiesAndVariables_areOtherToolsAndIgnored() {
        StoreOptions options = parse(null, properties("timberlog.test.childLifetimeSeconds", "30"),
                Map.of("TIMBERLOG_HOME", "/opt/timberlog"));
        assertEquals(AgentOptions.defaultDirectory(properties(), "com.example.Main --port 8080"), options.directory());
    }

    @Test
    void parse_badValue_namesTheOptionAndWhereItCameFrom() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(null, properties("timberlog.fsync", "sometimes"), Map.of()));
        assertTrue(e.getMessage().startsWith("system property timberlog.fsync: fsync must be one of"), e.getMessage());
    }

    @Test
    void parse_argumentWithoutValue_isAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("dir", properties(), Map.of()));
        assertEquals("agent argument 'dir' is not name=value", e.getMessage());
    }

    @Test
    void defaultDirectory_isUnderTheTemporaryDirectory_perUserAndApplication() {
        assertEquals(Paths.get("/var/tmp/timberlog-ops/com.example.Main"),
                AgentOptions.defaultDirectory(properties(), "com.example.Main --port 8080"));
    }

    @Test
    void applicationName_ofAJar_isItsFileNameWithoutJar() {
        assertEquals("orders-1.2", AgentOptions.applicationName("/srv/app/orders-1.2.jar --spring.profiles.active=prod"));
    }

    @Test
    void applicationName_ofAModularMainClass_isTheClass() {
        assertEquals("com.example.Main", AgentOptions.applicationName("com.example/com.example.Main"));
    }

    @Test
    void applicationName_unknownOrHostile_isSafeForAPath() {
        assertEquals("java", AgentOptions.applicationName(null));
        assertEquals("java", AgentOptions.applicationName(".."));
        assertEquals("a_b", AgentOptions.applicationName("a\nb"));
    }
}
