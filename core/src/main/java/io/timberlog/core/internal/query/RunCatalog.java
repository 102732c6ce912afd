package io.timberlog.core.internal.query;

import io.timberlog.core.RunInfo;
import io.timberlog.core.internal.io.ProcessInfo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs in a store's parts, in the order they wrote, and how each ended: cleanly when its last part
 * was sealed by a close, else running when its process is alive on this host, else crashed.
 */
public final class RunCatalog {
    private RunCatalog() {
    }

    /** A run's parts, in order. */
    public static final class RunParts {
        public final RunInfo run;
        public final List<StorePart> parts = new ArrayList<>();
        /** The lowest WAL id the run wrote to: where it stands among the store's runs. */
        private long firstWalId = Long.MAX_VALUE;

        RunParts(RunInfo run) {
            this.run = run;
        }
    }

    /**
     * The parts of each run, in the order the runs wrote: by the WAL files they wrote to, not by their
     * start, which a clock set back puts before the runs it follows. Parts whose run is unknown are left out.
     */
    public static List<RunParts> group(List<StorePart> parts) throws IOException {
        Map<RunInfo, RunParts> runs = new LinkedHashMap<>();
        for (StorePart p : parts) {
            for (RunInfo r : p.runs()) {
                RunParts run = runs.computeIfAbsent(r, RunParts::new);
                run.parts.add(p);
                run.firstWalId = Math.min(run.firstWalId, p.firstWalId());
            }
        }
        List<RunParts> inOrder = new ArrayList<>(runs.values());
        // stable: the runs of one segment keep the order they appear in it
        inOrder.sort((a, b) -> Long.compare(a.firstWalId, b.firstWalId));
        return inOrder;
    }

    /** True when the process of {@code run} is alive on this host: its store is being written right now. */
    public static boolean isAlive(RunInfo run) {
        String host = ProcessInfo.hostName();
        if (!host.equals(run.host()) && !(run.host().length() >= 40 && host.startsWith(run.host()))) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(run.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        // a pid reused by a later process is not the run's process
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty()
                || started.get().isBefore(Instant.ofEpochSecond(0, run.startEpochNanos()).plusSeconds(60));
    }
}
