package io.timberlog.log4j2;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.HostileDataContract;

class Log4jHostileDataTest extends HostileDataContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return Log4jHarness::start;
    }
}
