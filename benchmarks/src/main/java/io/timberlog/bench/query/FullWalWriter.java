package io.timberlog.bench.query;

import io.timberlog.bench.RunDirectories;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.footprint.ServiceWorkload;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The writer of the recovery part: {@code FullWalWriter <store>} fills the store's current WAL file
 * (default size, 64 MiB) to within 1% of full, prints {@link #FULL}, and waits to be killed. How many
 * events fill a file is learned first in a scratch store beside it, by appending until the writer
 * moves to its second file.
 */
public final class FullWalWriter {
    public static final String FULL = "WAL full";

    private FullWalWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Paths.get(args[0]);
        long perFile = eventsPerWalFile(store.resolveSibling(store.getFileName() + "-scratch"));
        ServiceWorkload workload = new ServiceWorkload(1);
        CapturedEvent event = new CapturedEvent();
        LogStore log = LogStore.open(StoreOptions.builder(store).build());
        for (long i = 0; i < perFile - perFile / 100; i++) {
            workload.next();
            log.append(workload.fill(event));
        }
        System.out.println(FULL);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static long eventsPerWalFile(Path scratch) throws Exception {
        ServiceWorkload workload = new ServiceWorkload(1);
        CapturedEvent event = new CapturedEvent();
        long count = 0;
        try (LogStore log = LogStore.open(StoreOptions.builder(scratch).build())) {
            long first = log.stats().currentWalId();
            while (log.stats().currentWalId() == first) {
                workload.next();
                log.append(workload.fill(event));
                count++;
            }
        }
        RunDirectories.delete(scratch);
        return count;
    }
}
