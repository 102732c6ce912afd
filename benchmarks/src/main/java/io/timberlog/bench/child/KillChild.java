package io.timberlog.bench.child;

import io.timberlog.bench.Contender;
import io.timberlog.testing.LoggingChild;

import java.util.List;

/**
 * The application of the kill -9 test: {@code KillChild <contender> <progress file>}. Core's
 * {@link LoggingChild} runs two threads that log until the process is killed and record, in the
 * memory-mapped progress file, how many of their calls have returned. Thread {@code t}'s call number
 * {@code n} logs the order number {@code 2n + t}, so the output alone tells which call it was.
 */
public final class KillChild {
    private KillChild() {
    }

    /** The order number that thread {@code thread}'s call number {@code index} logs. */
    public static long orderNumber(int thread, long index) {
        return index * LoggingChild.THREADS + thread;
    }

    public static void main(String[] args) throws Exception {
        Contender contender = Contender.byId(args[0]);
        Workload workload = new Workload();
        LoggingChild.run(new String[] {"forever", args[1]}, new LoggingChild.Framework() {
            @Override
            public void log(int thread, long index) {
                if (index == 0) {
                    Workload.enterThread(thread);
                }
                workload.log(orderNumber(thread, index));
            }

            @Override
            public Iterable<String> warnings() {
                return List.of();
            }

            @Override
            public void stop() {
                FrameworkControl.stop(contender.family());
            }
        });
    }
}
