package io.timberlog.log4j2;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.ChildJvm;
import io.timberlog.testing.ChildProcessContract;
import io.timberlog.testing.LoggingChild;
import io.timberlog.testing.Stores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Log4jChildProcessTest extends ChildProcessContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return Log4jHarness::start;
    }

    @Override
    protected Class<?> childMain() {
        return Log4jChild.class;
    }

    @Override
    protected List<String> childProperties(Path store) {
        return List.of("log4j2.configurationFile=child-log4j2.xml", Log4jFixture.STORE_DIR_PROPERTY + "=" + store);
    }

    @Override
    protected List<String> busyChildProperties(Path store) {
        return List.of("log4j2.configurationFile=faults-log4j2.xml", Log4jFixture.STORE_DIR_PROPERTY + "=" + store);
    }

    /** With every logger asynchronous (the LMAX disruptor's ring buffer), stopping log4j2 stores every event. */
    @Test
    void allLoggersAsynchronous_stop_storesEveryEvent() throws Exception {
        Path store = tmp.resolve("store");
        List<String> properties = new ArrayList<>(childProperties(store));
        properties.add("log4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        Process child = ChildJvm.start(childMain(), properties, tmp.resolve("child.out"), "count", "2000");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        assertEquals(LoggingChild.THREADS * 2000, Stores.read(store).size());
    }
}
