package io.timberlog.logback;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.HostileDataContract;

class LogbackHostileDataTest extends HostileDataContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return LogbackHarness::start;
    }
}
