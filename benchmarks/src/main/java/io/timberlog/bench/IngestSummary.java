package io.timberlog.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The ingest runs reduced to one row per contender and thread count: the median of each figure over
 * the rounds, and the ratio of the throughputs and of p99.9 to the best contender of the same thread
 * count in the same benchmark run (references, which write nothing, are never the best).
 */
final class IngestSummary {
    /** Medians of one contender at one thread count. */
    record Row(Contender contender, int threads, int runs, double callsPerSecond, double writtenPerSecond,
               double p50Nanos, double p99Nanos, double p999Nanos, double maxNanos, double callerBytesPerEvent,
               double jvmBytesPerEvent, double callerCpuNanosPerEvent, double backgroundCpuNanosPerEvent,
               double callsRatio, double writtenRatio, double p999Ratio) implements IngestFigures {
    }

    private final List<Row> rows = new ArrayList<>();

    IngestSummary(List<IngestResult> results, List<Integer> threadCounts) {
        for (int threads : threadCounts) {
            List<Row> medians = new ArrayList<>();
            for (Contender c : Contender.values()) {
                List<IngestResult> runs = new ArrayList<>();
                for (IngestResult r : results) {
                    if (r.contender() == c && r.threads() == threads) {
                        runs.add(r);
                    }
                }
                if (!runs.isEmpty()) {
                    medians.add(medianRow(c, threads, runs));
                }
            }
            double bestCalls = best(medians, Row::callsPerSecond, true);
            double bestWritten = best(medians, Row::writtenPerSecond, true);
            double bestP999 = best(medians, Row::p999Nanos, false);
            for (Row m : medians) {
                rows.add(new Row(m.contender, m.threads, m.runs, m.callsPerSecond, m.writtenPerSecond, m.p50Nanos,
                        m.p99Nanos, m.p999Nanos, m.maxNanos, m.callerBytesPerEvent, m.jvmBytesPerEvent,
                        m.callerCpuNanosPerEvent, m.backgroundCpuNanosPerEvent, m.callsPerSecond / bestCalls, m.writtenPerSecond / bestWritten, m.p999Nanos / bestP999));
            }
        }
    }

    List<Row> rows() {
        return rows;
    }

    List<Row> rows(int threads) {
        List<Row> selected = new ArrayList<>();
        for (Row r : rows) {
            if (r.threads == threads) {
                selected.add(r);
            }
        }
        return selected;
    }

    Optional<Row> row(Contender contender, int threads) {
        for (Row r : rows) {
            if (r.contender == contender && r.threads == threads) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The best median among the non-TimberLog, non-reference contenders: what TimberLog is compared with. */
    Optional<Row> bestOther(int threads) {
        Row best = null;
        for (Row r : rows(threads)) {
            if (!r.contender.isReference() && !r.contender.isTimberLog()
                    && (best == null || r.callsPerSecond > best.callsPerSecond)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Row medianRow(Contender c, int threads, List<IngestResult> runs) {
        return new Row(c, threads, runs.size(), median(runs, IngestResult::callsPerSecond),
                median(runs, IngestResult::writtenPerSecond), median(runs, IngestResult::p50Nanos),
                median(runs, IngestResult::p99Nanos), median(runs, IngestResult::p999Nanos),
                median(runs, IngestResult::maxNanos),
                median(runs, IngestResult::callerBytesPerEvent), median(runs, IngestResult::jvmBytesPerEvent),
                median(runs, IngestResult::callerCpuNanosPerEvent), median(runs, IngestResult::backgroundCpuNanosPerEvent),
                Double.NaN, Double.NaN, Double.NaN);
    }

    private static double best(List<Row> rows, ToDoubleFunction<Row> figure, boolean higherIsBetter) {
        double best = Double.NaN;
        for (Row r : rows) {
            if (r.contender.isReference()) {
                continue;
            }
            double v = figure.applyAsDouble(r);
            if (Double.isNaN(best) || (higherIsBetter ? v > best : v < best)) {
                best = v;
            }
        }
        return best;
    }

    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = new double[runs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figure.applyAsDouble(runs.get(i));
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
