package io.timberlog.bench;

import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.footprint.FootprintReport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The footprint part: bytes on disk per event against the text, {@code gzip -9} and {@code zstd -19}.
 * The Loghub corpora and the service workload are core's {@link FootprintReport} (the figures of the
 * Footprint section, measured the same way); this adds the benchmark's own ingest workload, written by
 * the real contenders: logback's FileAppender text against TimberLog's store through its logback
 * appender, the same calls on one thread.
 */
final class FootprintBench {
    private final BenchOptions options;
    private final RunDirectories directories;
    private final IngestBench ingest;

    FootprintBench(BenchOptions options, RunDirectories directories, IngestBench ingest) {
        this.options = options;
        this.directories = directories;
        this.ingest = ingest;
    }

    List<String> run() throws IOException, InterruptedException {
        if (compressedSize(options.repository().resolve("pom.xml"), "zstd", "-19") < 0) {
            System.out.println("  footprint: zstd is not installed, so the zstd -19 column says n/a "
                    + "(benchmarks/run.sh installs it with apt-get when it can)");
        }
        Path log = options.out().resolve("footprint-report.log");
        // FootprintReport writes its stores and text into temporary directories it leaves behind.
        Path tmp = directories.fresh("footprint-tmp");
        try {
            new ChildJvm(Family.LOGBACK, options.heap()).options(List.of("-Djava.io.tmpdir=" + tmp))
                    .run(log, FootprintReport.class, Long.toString(options.footprintEvents()));
        } finally {
            RunDirectories.delete(tmp);
        }
        List<String> table = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("|")) {
                table.add(line);
            }
        }
        table.add(ingestWorkloadRow());
        return table;
    }

    private String ingestWorkloadRow() throws IOException, InterruptedException {
        long events = options.footprintEvents();
        Path textRun = directories.fresh("footprint-text");
        Path storeRun = directories.fresh("footprint-store");
        try {
            ingest.runIn(textRun, "footprint-text", Contender.LOGBACK_FILE, 1, 0, 0, events);
            ingest.runIn(storeRun, "footprint-store", Contender.TIMBERLOG_LOGBACK, 1, 0, 0, events);
            Path text = textRun.resolve("app.log");
            long textBytes = Files.size(text);
            // What the stop left unconverted (it converts for closeConversionTimeout, 1 s) the writer's
            // next start converts: the footprint is the store's once every WAL file is a segment.
            StoreMaintenance.compact(storeRun.resolve("store"));
            long store = RunDirectories.size(storeRun.resolve("store"));
            long gzip = compressedSize(text, "gzip", "-9");
            long zstd = compressedSize(text, "zstd", "-19");
            return String.format(Locale.ROOT, "| ingest workload (text: logback FileAppender, the benchmark's pattern) "
                            + "| %d | %d | %s | %s | %d | %.2f | %.3f |", events, textBytes, orNa(gzip), orNa(zstd), store,
                    (double) store / events, (double) store / textBytes);
        } finally {
            RunDirectories.delete(textRun);
            RunDirectories.delete(storeRun);
        }
    }

    private static String orNa(long bytes) {
        return bytes < 0 ? "n/a" : Long.toString(bytes);
    }

    /** Bytes of {@code tool level -c file}, or -1 when the tool is not installed or fails. */
    static long compressedSize(Path file, String tool, String level) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(tool, level, "-c", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException notInstalled) {
            return -1;
        }
        long n = p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor() == 0 ? n : -1;
    }
}
