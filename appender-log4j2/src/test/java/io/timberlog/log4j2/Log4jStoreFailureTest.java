package io.timberlog.log4j2;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.StoreFailureContract;

class Log4jStoreFailureTest extends StoreFailureContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return Log4jHarness::start;
    }
}
