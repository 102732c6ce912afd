package io.timberlog.core.footprint;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.FsyncPolicy;
import io.timberlog.core.LogEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.StoreOptions;
import io.timberlog.core.StoreReader;
import io.timberlog.core.internal.wal.WalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the store takes on disk (issue "Segments, manifest and retention"): every Loghub corpus smaller
 * than {@code zstd -19} of its original text, and a typical service workload at most a tenth of
 * logback's default text output. Sizes, not times: deterministic for the same input.
 */
class FootprintTest {
    @TempDir
    Path dir;

    static StoreOptions.Builder options(Path dir) {
        // The corpora are years old: retention by age would delete them at once.
        return StoreOptions.builder(dir).fsync(FsyncPolicy.NEVER).closeConversionTimeout(Duration.ofMinutes(2))
                .maxAge(null).problemListener((m, c) -> { });
    }

    /**
     * zstd -19 sizes of the original files, from {@code zstd -19 -c FILE | wc -c} (zstd 1.5.4); the
     * corpus is read-only, and the test checks the original's size before it trusts the figure.
     */
    @ParameterizedTest
    @CsvSource({"HDFS, 287848, 42846", "Hadoop, 384948, 13418", "Spark, 196268, 9949", "Zookeeper, 279891, 16614"})
    void replay_loghubCorpus_storeSmallerThanZstd19OfTheText(String corpus, long textBytes, long zstd19Bytes)
            throws Exception {
        Path source = CorpusReplay.corpusDirectory();
        assertEquals(textBytes, Files.size(source.resolve(corpus + "_2k.log")), "the corpus changed");
        List<CorpusReplay.Line> lines = CorpusReplay.read(source.resolve(corpus + "_2k.log_structured.csv"));
        try (LogStore store = LogStore.open(options(dir).build())) {
            assertEquals(lines.size(), CorpusReplay.replay(lines, store));
        }
        assertEquals(List.of(), WalFiles.list(dir), "everything converted at close");
        List<String> messages = new ArrayList<>();
        StoreReader.open(dir).readAll(e -> messages.add(e.message()));
        assertEquals(lines.size(), messages.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i).content, messages.get(i), "message " + i);
        }
        long bytes = StoreBytes.of(dir);
        assertTrue(bytes < zstd19Bytes, corpus + ": store " + bytes + " bytes, zstd -19 " + zstd19Bytes);
    }

    @Test
    void replay_millionServiceEvents_storeAtMostATenthOfLogbackText() throws Exception {
        int events = 1_000_000;
        ServiceWorkload workload = new ServiceWorkload(1);
        LoggerContext context = new LoggerContext();
        TTLLLayout layout = ServiceWorkload.defaultLayout(context);
        long textBytes = 0;
        CapturedEvent event = new CapturedEvent();
        try (LogStore store = LogStore.open(options(dir).build())) {
            for (int i = 0; i < events; i++) {
                workload.next();
                textBytes += workload.logbackTextBytes(context, layout);
                assertTrue(store.append(workload.fill(event)));
            }
        }
        long[] count = {0};
        LogEvent[] last = {null};
        StoreReader.ReadSummary summary = StoreReader.open(dir).readAll(e -> {
            count[0]++;
            last[0] = e;
        });
        assertEquals(events, count[0]);
        assertEquals(List.of(), summary.damages());
        long bytes = StoreBytes.of(dir);
        assertTrue(bytes * 10 <= textBytes, "store " + bytes + " bytes, logback text " + textBytes);
    }
}
