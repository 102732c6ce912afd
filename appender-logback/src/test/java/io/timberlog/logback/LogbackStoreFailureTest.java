package io.timberlog.logback;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.StoreFailureContract;

class LogbackStoreFailureTest extends StoreFailureContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return LogbackHarness::start;
    }
}
