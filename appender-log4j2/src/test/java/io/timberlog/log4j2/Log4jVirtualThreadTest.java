package io.timberlog.log4j2;

import io.timberlog.core.Nesting;
import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.VirtualThreadContract;
import io.timberlog.testing.VirtualThreadTasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.*;

class Log4jVirtualThreadTest extends VirtualThreadContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return Log4jHarness::start;
    }

    @Override
    protected int mappersBuilt() {
        return Log4jEventMapper.built();
    }

    /** The limit without the framework around it: log4j2 guards its appenders against recursion itself. */
    @Test
    void acquire_nestedOnAVirtualThread_noMapperPastTheLimitAndAllFreeOnceReleased() throws Exception {
        VirtualThreadTasks.assumeAvailable();
        VirtualThreadTasks.call(() -> {
            Deque<Log4jEventMapper> held = new ArrayDeque<>();
            for (int i = 0; i <= Nesting.MAX_NESTED; i++) {
                Log4jEventMapper mapper = Log4jEventMapper.acquire();
                assertNotNull(mapper, "nested " + i);
                assertFalse(held.contains(mapper), "a mapper in use handed out again");
                held.push(mapper);
            }
            assertNull(Log4jEventMapper.acquire(), "nested deeper than " + Nesting.MAX_NESTED);
            while (!held.isEmpty()) {
                held.pop().release();
            }
            Log4jEventMapper again = Log4jEventMapper.acquire();
            assertNotNull(again, "not in use once released");
            again.release();
            return null;
        });
    }
}
