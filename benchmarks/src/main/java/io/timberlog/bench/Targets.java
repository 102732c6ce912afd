package io.timberlog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets for TimberLog, checked against the medians of this run: met, or missed and by
 * how much. Only what was measured is checked (a target whose contender did not run is left out).
 */
final class Targets {
    record Check(String target, String measured, boolean met) {
    }

    private static final double ONE_THREAD_TARGET = 4e6;
    private static final double TWO_THREADS_TARGET = 5e6;
    private static final double P999_TARGET_NANOS = 5_000;

    private Targets() {
    }

    static List<Check> check(IngestSummary ingest, List<KillResult> kills) {
        List<Check> checks = new ArrayList<>();
        throughput(checks, ingest, 1, ONE_THREAD_TARGET);
        throughput(checks, ingest, 2, TWO_THREADS_TARGET);
        for (IngestSummary.Row r : ingest.rows()) {
            if (r.contender().isTimberLog()) {
                double p999 = r.p999Nanos();
                checks.add(new Check(String.format(Locale.ROOT, "%s, %d thread(s): p99.9 <= 5 us", r.contender().id(),
                        r.threads()), String.format(Locale.ROOT, "%.2f us%s", p999 / 1e3,
                        p999 <= P999_TARGET_NANOS ? "" : String.format(Locale.ROOT, " (%.1fx the target)",
                                p999 / P999_TARGET_NANOS)), p999 <= P999_TARGET_NANOS));
            }
        }
        ownAllocation(checks, ingest, Contender.TIMBERLOG_LOGBACK, Contender.LOGBACK_NOP);
        ownAllocation(checks, ingest, Contender.TIMBERLOG_LOG4J2, Contender.LOG4J2_NOP);
        ownAllocation(checks, ingest, Contender.TIMBERLOG_AGENT, Contender.LOGBACK_NOP);
        for (Contender c : Contender.values()) {
            if (!c.isTimberLog()) {
                continue;
            }
            int runs = 0;
            long worst = 0;
            for (KillResult k : kills) {
                if (k.contender() == c) {
                    runs++;
                    worst = Math.max(worst, k.lost());
                }
            }
            if (runs > 0) {
                checks.add(new Check(c.id() + ": 0 acknowledged events lost on kill -9, every run",
                        worst == 0 ? "0 in each of " + runs + " runs" : "up to " + worst + " lost in a run", worst == 0));
            }
        }
        return checks;
    }

    private static void throughput(List<Check> checks, IngestSummary ingest, int threads, double target) {
        Optional<IngestSummary.Row> row = ingest.row(Contender.TIMBERLOG_LOGBACK, threads);
        if (row.isEmpty()) {
            return;
        }
        double measured = row.get().callsPerSecond();
        String versus = ingest.bestOther(threads).map(best -> String.format(Locale.ROOT, "; %.2fx %s",
                measured / best.callsPerSecond(), best.contender().id())).orElse("");
        checks.add(new Check(String.format(Locale.ROOT, "timberlog-logback, %d thread(s): >= %.0f M events/s",
                threads, target / 1e6), String.format(Locale.ROOT, "%.2f M/s%s%s", measured / 1e6,
                measured >= target ? "" : String.format(Locale.ROOT, " (%.0f%% below the target)",
                        100 * (1 - measured / target)), versus), measured >= target));
    }

    /**
     * TimberLog's own allocation: what its contender's calling threads allocate beyond the same framework
     * with an appender that does nothing (the application's boxing and varargs, and the framework's event).
     */
    private static void ownAllocation(List<Check> checks, IngestSummary ingest, Contender timberLog,
                                      Contender reference) {
        for (IngestSummary.Row r : ingest.rows()) {
            if (r.contender() != timberLog) {
                continue;
            }
            ingest.row(reference, r.threads()).ifPresent(ref -> {
                double own = r.callerBytesPerEvent() - ref.callerBytesPerEvent();
                // Below one byte per event is noise: a buffer grown once over millions of events.
                boolean met = own < 1;
                checks.add(new Check(String.format(Locale.ROOT, "%s, %d thread(s): 0 bytes/event by TimberLog's code "
                        + "(calling thread)", timberLog.id(), r.threads()), String.format(Locale.ROOT,
                        "%.1f B/event (%.1f minus %.1f of %s)", own, r.callerBytesPerEvent(), ref.callerBytesPerEvent(),
                        reference.id()), met));
            });
        }
    }
}
