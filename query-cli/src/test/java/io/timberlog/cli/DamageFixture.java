package io.timberlog.cli;

import io.timberlog.core.StoreMaintenance;
import io.timberlog.core.testing.WalFixtures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The undamaged store the damage cases start from: a run converted into segments (listed in
 * manifest.json) and a run left in WAL files, with varied events (stored and formatted messages, MDC,
 * exceptions, truncated huge arguments, broken UTF-16). Knows which sequence numbers each file holds.
 */
final class DamageFixture {
    private static final Pattern SEGMENT_ENTRY = Pattern.compile(
            "\"file\":\"(segment_[0-9]+\\.log)\"[^}]*?\"minSequence\":([0-9]+),\"maxSequence\":([0-9]+)");
    private static final int WAL_BASE_SEQUENCE_OFFSET = 24; // FORMAT.md, "WAL files": the header's base sequence

    /** A file of the store and the sequence numbers [min, max] its events have. */
    static final class StoreFile {
        final String name;
        final long minSequence;
        final long maxSequence;

        StoreFile(String name, long minSequence, long maxSequence) {
            this.name = name;
            this.minSequence = minSequence;
            this.maxSequence = maxSequence;
        }

        boolean holds(long sequence) {
            return sequence >= minSequence && sequence <= maxSequence;
        }
    }

    final Path dir;
    final List<StoreFile> segments = new ArrayList<>();
    final List<StoreFile> walFiles = new ArrayList<>();

    private DamageFixture(Path dir) {
        this.dir = dir;
    }

    static DamageFixture write(Path dir, long seed) throws IOException {
        WalFixtures.writeRun(dir, 500, seed);
        StoreMaintenance.compact(dir); // the first run becomes segments
        WalFixtures.writeRun(dir, 500, seed + 1);
        DamageFixture fixture = new DamageFixture(dir);
        fixture.findFiles();
        return fixture;
    }

    private void findFiles() throws IOException {
        String manifest = Files.readString(dir.resolve("manifest.json"), StandardCharsets.UTF_8);
        Matcher m = SEGMENT_ENTRY.matcher(manifest);
        while (m.find()) {
            segments.add(new StoreFile("segments/" + m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        List<Path> wal;
        try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
            wal = files.sorted().collect(java.util.stream.Collectors.toList());
        }
        for (int i = 0; i < wal.size(); i++) {
            long next = i + 1 < wal.size() ? baseSequence(wal.get(i + 1)) : Long.MAX_VALUE;
            walFiles.add(new StoreFile("wal/" + wal.get(i).getFileName(), baseSequence(wal.get(i)), next - 1));
        }
        if (segments.isEmpty() || walFiles.size() < 2) {
            throw new IllegalStateException("the fixture needs segments and WAL files: " + segments + " " + walFiles);
        }
    }

    private static long baseSequence(Path walFile) throws IOException {
        byte[] header = new byte[32];
        try (var in = Files.newInputStream(walFile)) {
            if (in.readNBytes(header, 0, header.length) != header.length) {
                throw new IOException(walFile + " is shorter than a header");
            }
        }
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(WAL_BASE_SEQUENCE_OFFSET);
    }

    /** Every file that holds events. */
    List<StoreFile> eventFiles() {
        List<StoreFile> all = new ArrayList<>(segments);
        all.addAll(walFiles);
        return all;
    }
}
