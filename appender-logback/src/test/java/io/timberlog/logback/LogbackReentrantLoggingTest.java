package io.timberlog.logback;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.ReentrantLoggingContract;

class LogbackReentrantLoggingTest extends ReentrantLoggingContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return LogbackHarness::start;
    }

    /**
     * logback 1.3's UnsynchronizedAppenderBase drops an event that reaches an appender on a thread where
     * that appender is busy (a per-thread guard). 1.5.25 builds a ReentryGuard that does nothing unless
     * the appender builds another, and hands such an event on.
     */
    @Override
    protected boolean frameworkDropsNestedEvents() {
        return LogbackFixture.version().startsWith("1.3.");
    }

    @Override
    protected int mappersBuilt() {
        return LogbackEventMapper.built();
    }
}
