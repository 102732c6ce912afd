package io.timberlog.core.footprint;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;


/**
 * Prints the footprint figures of BENCHMARKS.md: for each Loghub corpus and for a million events of
 * {@link ServiceWorkload}, the store's bytes on disk against the text, {@code gzip -9} and
 * {@code zstd -19} of it (the command-line tools, when they are installed).
 *
 * <pre>
 * mvn -B -q -pl core test-compile
 * java -cp "$(cat core/target/test-classpath.txt)" io.timberlog.core.footprint.FootprintReport [events]
 * </pre>
 * (the class path: {@code mvn -pl core dependency:build-classpath -Dmdep.outputFile=...} plus
 * {@code core/target/classes} and {@code core/target/test-classes}).
 */
public final class FootprintReport {
    private FootprintReport() {
    }

    public static void main(String[] args) throws Exception {
        int serviceEvents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path corpus = CorpusReplay.corpusDirectory();
        System.out.println("| data | events | text | gzip -9 | zstd -19 | store | store bytes/event | store/text |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String name : new String[] {"HDFS", "Hadoop", "Spark", "Zookeeper"}) {
            Path text = corpus.resolve(name + "_2k.log");
            Path dir = Files.createTempDirectory("footprint");
            java.util.List<CorpusReplay.Line> lines = CorpusReplay.read(corpus.resolve(name + "_2k.log_structured.csv"));
            try (LogStore store = LogStore.open(FootprintTest.options(dir).build())) {
                CorpusReplay.replay(lines, store);
            }
            row(name + "_2k.log", lines.size(), Files.size(text), tool(text, "gzip", "-9"), tool(text, "zstd", "-19"),
                    StoreBytes.of(dir));
        }
        Path dir = Files.createTempDirectory("footprint");
        Path text = Files.createTempFile("service", ".log");
        ServiceWorkload workload = new ServiceWorkload(1);
        LoggerContext context = new LoggerContext();
        TTLLLayout layout = ServiceWorkload.defaultLayout(context);
        CapturedEvent event = new CapturedEvent();
        try (LogStore store = LogStore.open(FootprintTest.options(dir).build());
             java.io.Writer out = Files.newBufferedWriter(text)) {
            for (int i = 0; i < serviceEvents; i++) {
                workload.next();
                out.write(workload.logbackText(context, layout));
                store.append(workload.fill(event));
            }
        }
        row("service workload (logback TTLLLayout text)", serviceEvents, Files.size(text), tool(text, "gzip", "-9"),
                tool(text, "zstd", "-19"), StoreBytes.of(dir));
    }

    private static void row(String name, long events, long text, long gzip, long zstd, long store) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %d | %.2f | %.3f |%n", name, events, text,
                gzip < 0 ? "n/a" : Long.toString(gzip), zstd < 0 ? "n/a" : Long.toString(zstd), store,
                (double) store / events, (double) store / text);
    }

    /** Bytes of {@code tool level -c file}, or -1 when the tool is not installed. */
    private static long tool(Path file, String tool, String level) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, level, "-c", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long n = p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor() == 0 ? n : -1;
        } catch (IOException e) {
            return -1;
        }
    }

}
