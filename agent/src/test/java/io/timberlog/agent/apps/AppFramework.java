package io.timberlog.agent.apps;

import io.timberlog.testing.LoggingChild;

import java.util.List;

/** The framework side of a test application: its logging call and how it is stopped. */
final class AppFramework implements LoggingChild.Framework {
    /** Logs "event THREAD INDEX" through the framework. */
    interface Call {
        void log(int thread, long index);
    }

    private final Call call;
    private final Runnable stop;

    private AppFramework(Call call, Runnable stop) {
        this.call = call;
        this.stop = stop;
    }

    static LoggingChild.Framework of(Call call, Runnable stop) {
        return new AppFramework(call, stop);
    }

    @Override
    public void log(int thread, long index) {
        call.log(thread, index);
    }

    /** The agent's tests read the agent's output, not the framework's status. */
    @Override
    public Iterable<String> warnings() {
        return List.of();
    }

    @Override
    public void stop() {
        stop.run();
    }
}
