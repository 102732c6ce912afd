package io.timberlog.log4j2;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.ReentrantLoggingContract;

class Log4jReentrantLoggingTest extends ReentrantLoggingContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return Log4jHarness::start;
    }

    /** log4j2's AppenderControl drops an event that reaches an appender busy on the same thread, and says "Recursive call to appender". */
    @Override
    protected boolean frameworkDropsNestedEvents() {
        return true;
    }

    @Override
    protected int mappersBuilt() {
        return Log4jEventMapper.built();
    }
}
