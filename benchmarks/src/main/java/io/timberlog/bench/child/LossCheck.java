package io.timberlog.bench.child;

import io.timberlog.bench.Contender;
import io.timberlog.bench.KillResult;
import io.timberlog.bench.output.EventOutput;
import io.timberlog.testing.LoggingChild;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;

/**
 * Counts, after the kill, the acknowledged events missing from a contender's output:
 * {@code LossCheck <contender> <run directory> <progress file> <result file>}. An event is acknowledged
 * when its call returned before the kill, which the progress file (written by {@link KillChild})
 * records per thread. Runs in a JVM of the contender's family, which can read its output.
 */
public final class LossCheck {
    private LossCheck() {
    }

    public static void main(String[] args) throws Exception {
        Contender contender = Contender.byId(args[0]);
        Path dir = Paths.get(args[1]);
        ByteBuffer progress = ByteBuffer.wrap(Files.readAllBytes(Paths.get(args[2])));
        int threads = LoggingChild.THREADS;
        long[] acknowledged = new long[threads];
        BitSet[] found = new BitSet[threads];
        for (int t = 0; t < threads; t++) {
            acknowledged[t] = progress.getLong(8 * t);
            found[t] = new BitSet();
        }
        long[] events = new long[1];
        EventOutput.of(contender.output()).read(dir, order -> {
            events[0]++;
            int thread = (int) (order % threads);
            long index = order / threads;
            if (index < acknowledged[thread]) {
                found[thread].set((int) index);
            }
        });
        long acked = 0;
        long missing = 0;
        for (int t = 0; t < threads; t++) {
            acked += acknowledged[t];
            missing += acknowledged[t] - found[t].cardinality();
        }
        new KillResult(contender, acked, missing, events[0]).write(Paths.get(args[3]));
    }
}
