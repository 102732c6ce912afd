package io.timberlog.core.internal.manifest;

import io.timberlog.core.CapturedEvent;
import io.timberlog.core.LogStore;
import io.timberlog.core.MessageStyle;
import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.StoreReader;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.query.Query;
import io.timberlog.core.query.QueryResult;
import io.timberlog.core.query.StoreSet;
import io.timberlog.core.testing.Fuzz;
import io.timberlog.core.testing.StoreCopies;
import io.timberlog.core.testing.WalFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fuzzes {@code manifest.json} and what the store makes of it: the parser, the readers (StoreReader and
 * the query engine of the CLI), verify, and a writer opening the store. Values are replaced by the ones
 * that break parsers and path handling (numbers at and past 64 bits, negative ids, {@code ../} and
 * absolute names, control characters, other types), besides byte-level damage.
 */
@Timeout(180)
class ManifestFuzzTest {
    private static final Pattern VALUE = Pattern.compile("\"(?:[^\"\\\\]++|\\\\.)*+\"|-?\\d++");
    private static final String[] HOSTILE = {"-1", "0", "1", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "1e3", "1.5", "null", "true", "[]", "{}", "\"\"", "\"../../../etc/passwd\"",
            "\"/etc/passwd\"", "\"segment_000001.log\"", "\"segment_000002.log\"", "\"segment_999999999999999999.log\"",
            "\"segment_000001.log/../../x\"", "\"\\u0000\\u001b[31m\"", "\"" + "x".repeat(70_000) + "\"",
            "[1,1]", "[9223372036854775807]", "{\"INFO\":-1}", "999999999999999999"};
    private static final int EVENTS_PER_RUN = 300;

    @TempDir
    Path dir;
    private Path source;
    private String manifest;

    @BeforeEach
    void writeStore() throws Exception {
        source = dir.resolve("source");
        WalFixtures.writeRun(source, EVENTS_PER_RUN, 1);
        WalFixtures.writeRun(source, EVENTS_PER_RUN, 2);
        StoreMaintenance.compact(WalFixtures.options(source).build());
        manifest = Files.readString(ManifestFile.path(source));
        assertTrue(manifest.contains("segment_000002.log"), manifest);
    }

    @Test
    void read_mutatedManifest_answersWithAResult() throws Exception {
        Path store = dir.resolve("parse");
        Files.createDirectories(store);
        Fuzz.run("manifest-parse", 7_000, 300, random -> {
            Files.write(ManifestFile.path(store), mutate(random));
            ManifestFile.Result result = ManifestFile.read(store);
            assertNotNull(result.status);
            if (result.status == ManifestFile.Result.Status.DAMAGED) {
                assertFalse(result.problem.contains("\n"), "a one-line problem: " + result.problem);
            }
        });
    }

    /** The whole store with a hostile manifest: readers report, verify judges, a writer opens it or refuses by type. */
    @Test
    void storeWithMutatedManifest_readersAndWriterCope() throws Exception {
        Path store = dir.resolve("store");
        Fuzz.run("manifest-store", 8_000, 15, random -> {
            StoreCopies.replace(source, store);
            Files.write(ManifestFile.path(store), mutate(random));
            try {
                long read = StoreReader.open(store).readAll(e -> e.message()).events();
                assertTrue(read <= 2 * EVENTS_PER_RUN, read + " events");
                StoreSet set = StoreSet.open(store);
                try (QueryResult result = set.query(Query.all())) {
                    while (result.hasNext()) {
                        result.next().event().message();
                    }
                }
                set.verify();
            } catch (UnsupportedFormatException newer) {
                // A manifest of a newer version: readers refuse the store by type; a writer (whose wal.meta is
                // of this version) appends to WAL files and leaves the manifest to the TimberLog that wrote it.
                byte[] manifestBefore = Files.readAllBytes(ManifestFile.path(store));
                try (LogStore writer = LogStore.open(WalFixtures.options(store).build())) {
                    assertTrue(writer.append(new CapturedEvent().message("after", MessageStyle.LITERAL)));
                }
                assertArrayEquals(manifestBefore, Files.readAllBytes(ManifestFile.path(store)), "the newer manifest is left alone");
                return;
            }
            try (LogStore writer = LogStore.open(WalFixtures.options(store).build())) {
                assertTrue(writer.append(new CapturedEvent().message("after", MessageStyle.LITERAL)));
            }
            assertNoFileOutside(store);
        });
    }

    /**
     * The manifest with one to three mutations; three times in four sealed again with the checksum it
     * then needs, so that the parser and the checks behind the checksum meet them too.
     */
    private byte[] mutate(Random random) {
        String text = manifest;
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps; s++) {
            text = random.nextInt(4) == 0 ? new String(Fuzz.mutate(text.getBytes(StandardCharsets.UTF_8), random),
                    StandardCharsets.UTF_8) : replaceValue(text, random);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(4) == 0 ? bytes : ManifestFile.seal(bytes);
    }

    /** One JSON value (a string or integer) replaced by a hostile one, or by another value of the same manifest. */
    private static String replaceValue(String text, Random random) {
        List<int[]> values = new ArrayList<>();
        Matcher m = VALUE.matcher(text);
        while (m.find()) {
            values.add(new int[] {m.start(), m.end()});
        }
        if (values.isEmpty()) {
            return text;
        }
        int[] target = values.get(random.nextInt(values.size()));
        String replacement;
        if (random.nextBoolean()) {
            replacement = HOSTILE[random.nextInt(HOSTILE.length)];
        } else {
            int[] other = values.get(random.nextInt(values.size()));
            replacement = text.substring(other[0], other[1]);
        }
        return text.substring(0, target[0]) + replacement + text.substring(target[1]);
    }

    /** Nothing the store did because of its manifest created a file next to it. */
    private void assertNoFileOutside(Path store) throws IOException {
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of("parse", "source", "store").stream().filter(n -> Files.exists(dir.resolve(n)))
                    .collect(Collectors.toList()), siblings.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList()));
        }
    }
}
