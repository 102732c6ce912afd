package io.timberlog.core.internal.wal;

import io.timberlog.core.internal.manifest.ManifestFile;
import io.timberlog.core.internal.manifest.ManifestFileAccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes the store a power loss leaves of a {@link CrashImage}, as a seed decides. What was forced stays;
 * every byte written to a WAL file since is, by the case's {@link Loss}, lost, kept page by page, torn,
 * or garbage. The rest obeys the order in which the writer forces: a segment the manifest lists is whole
 * (forced and renamed before the manifest was); a segment taken in the middle of its conversion, before
 * the manifest listed it, may have lost its rename (missing, or a torn {@code .tmp}), and so may the
 * manifest's replacement (a torn {@code manifest.json.tmp}); a WAL file deleted after its conversion
 * may be back as forced (the deletion was not durable); the slot of {@code wal.meta} being rewritten may be torn.
 */
final class PowerLossCase {
    private static final int PAGE = 4096;
    /** FORMAT.md, "wal.meta": where a slot's generation is. */
    private static final int GENERATION_OFFSET = 16;
    private static final Pattern WAL_IDS = Pattern.compile("\"walIds\":\\[([0-9,]*)\\]");
    private static final Pattern SEGMENT_FILE = Pattern.compile("\"file\":\"(segment_[0-9]+\\.log)\"");

    /** What becomes of the bytes written to WAL files since their last force. */
    enum Loss {
        /** all lost: the files are what was forced */
        CUT,
        /** each page holding new bytes written back or not */
        PAGES,
        /** written back up to a random byte, the write torn there */
        TORN,
        /** as PAGES, and some pages hold garbage where the new bytes were */
        GARBAGE
    }

    final Loss loss;
    /**
     * Where garbage went into WAL files that readers read (their ids are not in the manifest left, nor,
     * when none is left, in a segment readers rebuild it from): by file name, the offset of each page's
     * first garbage byte.
     */
    final Map<String, List<Long>> garbage = new TreeMap<>();

    private final CrashImage image;
    private final SplittableRandom random;

    PowerLossCase(CrashImage image, long seed) {
        this.image = image;
        this.random = new SplittableRandom(seed);
        this.loss = Loss.values()[random.nextInt(Loss.values().length)];
    }

    void writeTo(Path store) throws IOException {
        byte[] manifest = image.files.get(ManifestFile.FILE_NAME);
        String manifestText = manifest == null ? "" : new String(manifest, StandardCharsets.UTF_8);
        Set<Long> convertedWal = walIds(manifestText);
        Set<Long> deletable = new HashSet<>(convertedWal); // deleted only once a manifest on disk listed them
        Set<String> listedSegments = new HashSet<>();
        Matcher m = SEGMENT_FILE.matcher(manifestText);
        while (m.find()) {
            listedSegments.add(m.group(1));
        }
        if (manifest != null) {
            write(store, ManifestFile.FILE_NAME, manifest);
        }
        if (image.beforeManifestReplaced && manifest != null && random.nextBoolean()) {
            write(store, ManifestFile.FILE_NAME + ".tmp", prefix(manifest)); // the new one, torn: its start is alike
        }
        Set<Long> walInImage = new HashSet<>();
        for (Map.Entry<String, byte[]> file : image.files.entrySet()) {
            String name = file.getKey();
            byte[] bytes = file.getValue();
            if (name.equals(ManifestFile.FILE_NAME)) {
                continue;
            }
            if (name.startsWith("segments/") && name.endsWith(".log")) {
                if (listedSegments.contains(name.substring("segments/".length()))) {
                    write(store, name, bytes);
                } else {
                    int fate = random.nextInt(3); // the rename was durable, or not; then the .tmp is torn
                    if (fate == 1) {
                        write(store, name, bytes);
                        if (manifest == null) { // readers rebuild the manifest from the segments: it lists this one
                            for (long id : ManifestFileAccess.walIdsOf(store.resolve(name))) {
                                convertedWal.add(id);
                            }
                        }
                    } else if (fate == 2) {
                        write(store, name + ".tmp", prefix(bytes));
                    }
                }
            } else if (name.startsWith("wal/") && name.endsWith(".wal")) {
                long id = WalFiles.idOf(store.resolve(name));
                walInImage.add(id);
                if (!deletable.contains(id) || random.nextBoolean()) {
                    List<Long> garbageAt = new ArrayList<>();
                    byte[] after = afterLoss(image.durableWal.get(id), bytes, garbageAt);
                    write(store, name, after);
                    // A file whose header never reached the disk reads as preallocated and empty, by design.
                    if (!garbageAt.isEmpty() && !convertedWal.contains(id) && !zeroHeader(after)) {
                        garbage.put(store.resolve(name).getFileName().toString(), garbageAt);
                    }
                }
            } else if (name.equals(WalFiles.META) && random.nextInt(4) == 0) {
                byte[] torn = bytes.clone();
                int slot = olderSlot(bytes);
                for (int i = slot; i < Math.min(torn.length, slot + WalMeta.SLOT_SIZE); i++) {
                    torn[i] = (byte) random.nextInt(256);
                }
                write(store, name, torn);
            } else {
                write(store, name, bytes);
            }
        }
        // WAL files the writer deleted after the manifest listed their segments: the deletion may not be durable.
        for (Map.Entry<Long, byte[]> wal : image.durableWal.entrySet()) {
            long id = wal.getKey();
            if (!walInImage.contains(id)) {
                assertTrue(deletable.contains(id), "WAL file " + id + " was deleted, yet the manifest does not list it");
                if (random.nextBoolean()) {
                    write(store, "wal/" + WalFiles.fileName(id), wal.getValue());
                }
            }
        }
    }

    /** The bytes of a WAL file after the loss: {@code durable} (zeros where null) with the {@code latest} writes applied as the case's loss says. */
    private byte[] afterLoss(byte[] durable, byte[] latest, List<Long> garbageAt) {
        byte[] result = new byte[latest.length];
        if (durable != null) {
            System.arraycopy(durable, 0, result, 0, Math.min(durable.length, result.length));
        }
        int changed = 0;
        for (int i = 0; i < result.length; i++) {
            if (result[i] != latest[i]) {
                changed++;
            }
        }
        if (changed == 0 || loss == Loss.CUT) {
            return result;
        }
        long tornAt = random.nextInt(changed + 1);
        int seen = 0;
        for (int page = 0; page < result.length; page += PAGE) {
            int end = Math.min(result.length, page + PAGE);
            boolean written = random.nextBoolean();
            boolean garbage = loss == Loss.GARBAGE && random.nextInt(4) == 0;
            for (int i = page; i < end; i++) {
                if (result[i] == latest[i]) {
                    continue;
                }
                switch (loss) {
                    case TORN:
                        if (seen++ < tornAt) {
                            result[i] = latest[i];
                        }
                        break;
                    case GARBAGE:
                        if (garbage) {
                            if (garbageAt.isEmpty() || garbageAt.get(garbageAt.size() - 1) < page) {
                                garbageAt.add((long) i);
                            }
                            result[i] = (byte) random.nextInt(256);
                        } else if (written) {
                            result[i] = latest[i];
                        }
                        break;
                    default:
                        if (written) {
                            result[i] = latest[i];
                        }
                }
            }
        }
        return result;
    }

    /**
     * The slot of wal.meta that the next write goes to (the one with the lower generation): the one a power
     * loss can tear. The other holds a complete write, which a power loss could only undo if it was not
     * forced (see RELIABILITY.md: a wal.meta behind the manifest is a known problem, not modelled here).
     */
    private static int olderSlot(byte[] meta) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(meta).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long first = b.getLong(GENERATION_OFFSET);
        long second = b.getLong(WalMeta.SLOT_SIZE + GENERATION_OFFSET);
        return first <= second ? 0 : WalMeta.SLOT_SIZE;
    }

    private static boolean zeroHeader(byte[] wal) {
        for (int i = 0; i < WalFormat.HEADER_SIZE; i++) {
            if (wal[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private byte[] prefix(byte[] bytes) {
        byte[] prefix = new byte[random.nextInt(bytes.length + 1)];
        System.arraycopy(bytes, 0, prefix, 0, prefix.length);
        return prefix;
    }

    private static Set<Long> walIds(String manifest) {
        Set<Long> ids = new HashSet<>();
        Matcher m = WAL_IDS.matcher(manifest);
        while (m.find()) {
            for (String id : m.group(1).split(",")) {
                if (!id.isEmpty()) {
                    ids.add(Long.parseLong(id));
                }
            }
        }
        return ids;
    }

    private static void write(Path store, String name, byte[] bytes) throws IOException {
        Path path = store.resolve(name);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }

    @Override
    public String toString() {
        return "loss " + loss + (image.beforeManifestReplaced ? ", in a conversion, before the manifest listed its segment" : "")
                + (garbage.isEmpty() ? "" : ", garbage in " + garbage);
    }
}
