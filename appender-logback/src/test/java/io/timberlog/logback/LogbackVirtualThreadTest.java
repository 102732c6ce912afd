package io.timberlog.logback;

import io.timberlog.core.Nesting;
import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.VirtualThreadContract;
import io.timberlog.testing.VirtualThreadTasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.*;

class LogbackVirtualThreadTest extends VirtualThreadContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return LogbackHarness::start;
    }

    @Override
    protected int mappersBuilt() {
        return LogbackEventMapper.built();
    }

    /** The limit without the framework around it (logback 1.5 has no guard of its own for this appender). */
    @Test
    void acquire_nestedOnAVirtualThread_noMapperPastTheLimitAndAllFreeOnceReleased() throws Exception {
        VirtualThreadTasks.assumeAvailable();
        VirtualThreadTasks.call(() -> {
            Deque<LogbackEventMapper> held = new ArrayDeque<>();
            for (int i = 0; i <= Nesting.MAX_NESTED; i++) {
                LogbackEventMapper mapper = LogbackEventMapper.acquire();
                assertNotNull(mapper, "nested " + i);
                assertFalse(held.contains(mapper), "a mapper in use handed out again");
                held.push(mapper);
            }
            assertNull(LogbackEventMapper.acquire(), "nested deeper than " + Nesting.MAX_NESTED);
            while (!held.isEmpty()) {
                held.pop().release();
            }
            LogbackEventMapper again = LogbackEventMapper.acquire();
            assertNotNull(again, "not in use once released");
            again.release();
            return null;
        });
    }
}
