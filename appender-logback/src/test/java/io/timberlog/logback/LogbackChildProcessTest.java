package io.timberlog.logback;

import io.timberlog.testing.AppenderHarness;
import io.timberlog.testing.ChildProcessContract;

import java.nio.file.Path;
import java.util.List;

class LogbackChildProcessTest extends ChildProcessContract {
    @Override
    protected AppenderHarness.Factory framework() {
        return LogbackHarness::start;
    }

    @Override
    protected Class<?> childMain() {
        return LogbackChild.class;
    }

    @Override
    protected List<String> childProperties(Path store) {
        return List.of("logback.configurationFile=child-logback.xml", "storeDir=" + store);
    }

    @Override
    protected List<String> busyChildProperties(Path store) {
        return List.of("logback.configurationFile=faults-logback.xml", "storeDir=" + store);
    }
}
