package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.manifest.ManifestEntry;
import io.timberlog.core.internal.manifest.StoreSources;
import io.timberlog.core.internal.segment.SegmentDamageException;
import io.timberlog.core.internal.segment.SegmentFiles;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Reads every part of a store and checks every checksum and reference, sorting what it finds into
 * problems and expected leftovers of a crash: the segments (blocks, index, dictionary, footer, and
 * the damage their WAL files had when they were converted), the manifest (intact, its entries in
 * sequence order and in agreement with their segments, no segment file with events left out of it),
 * the WAL files and {@code wal.meta}.
 *
 * <p>Unpublished room (a reservation never filled) is expected in any part of a run that did not end
 * cleanly (crashed, or still running): a rotation does not wait for the appends in flight in the file
 * it seals, so a thread that was preempted between reserving its room and publishing its record, and
 * then died with the process, leaves that room in whichever file it was, also files before the last
 * one. Each thread holds at most one such reservation, and none of them was acknowledged. In a run
 * that ended cleanly every reservation was published, so zeroed room there means lost data: a problem.
 */
public final class StoreVerifier {
    private final List<Damage> problems = new ArrayList<>();
    private final List<Damage> expected = new ArrayList<>();
    private int files;
    private long events;

    /** Checks one store, telling {@code progress} the size of each file once it is checked. */
    public void verify(Path store, LongConsumer progress) throws IOException {
        Path meta = store.resolve(WalFiles.META);
        if (WalMeta.exists(store) && WalMeta.read(store) == null && !isAllZero(meta)) {
            // an empty or zero meta was never written (the writer stopped before its first update): no damage
            problems.add(new Damage(meta, 0, Files.size(meta), Damage.Kind.CORRUPT,
                    "neither slot of " + WalFiles.META + " is valid"));
        }
        // Listed before the snapshot: a segment written after it is not taken for one the manifest left out.
        List<Path> segmentFiles = SegmentFiles.list(store);
        StoreSnapshot snapshot = StoreSnapshot.take(store);
        Damage manifest = snapshot.manifestDamage();
        if (manifest != null) {
            problems.add(manifest);
        }
        if (snapshot.lostWalDamage() != null) {
            problems.add(snapshot.lostWalDamage());
        }
        checkOrder(snapshot.sources());
        checkUnlisted(snapshot.sources(), segmentFiles);
        verifyParts(snapshot.parts(), progress);
    }

    /** Verifies each part (a WAL file converted meanwhile: its segment), sorting unpublished room by the runs. */
    private void verifyParts(List<StorePart> listed, LongConsumer progress) throws IOException {
        List<StorePart> parts = new ArrayList<>();
        Map<StorePart, PartFacts> facts = new IdentityHashMap<>();
        Map<StorePart, List<Damage>> found = new IdentityHashMap<>();
        StorePart.forEach(listed, p -> {
            List<Damage> damages = new ArrayList<>();
            facts.put(p, p.verify(damages::add));
            found.put(p, damages);
            parts.add(p);
            files++;
            progress.accept(p.size());
        });
        Set<StorePart> unfinishedRuns = Collections.newSetFromMap(new IdentityHashMap<>());
        for (RunCatalog.RunParts run : RunCatalog.group(parts)) {
            if (!facts.get(run.parts.get(run.parts.size() - 1)).cleanEnd()) {
                unfinishedRuns.addAll(run.parts);
            }
        }
        for (StorePart p : parts) {
            events += facts.get(p).events();
            for (Damage d : found.get(p)) {
                boolean harmless = d.kind() == Damage.Kind.UNPUBLISHED && unfinishedRuns.contains(p);
                (harmless ? expected : problems).add(d);
            }
        }
    }

    /** The manifest lists segments in sequence order, each after the one before: readers rely on it. */
    private void checkOrder(StoreSources sources) {
        ManifestEntry previous = null;
        for (ManifestEntry e : sources.segments()) {
            if (previous != null && e.minSequence() <= previous.maxSequence()) {
                problems.add(new Damage(sources.manifestFile(), 0, 0, Damage.Kind.CORRUPT, "segment " + e.file()
                        + " starts at sequence " + e.minSequence() + ", inside " + previous.file() + " (up to "
                        + previous.maxSequence() + ")"));
            }
            previous = e;
        }
    }

    /**
     * A segment file the manifest does not list is left over from a conversion a crash interrupted
     * (its WAL files are still there, or other segments hold them) or from retention; otherwise its
     * events are missing from every read until a writer adds it to the manifest again.
     */
    private void checkUnlisted(StoreSources sources, List<Path> segmentFiles) throws IOException {
        Set<String> listed = new HashSet<>();
        for (ManifestEntry e : sources.segments()) {
            listed.add(e.file());
        }
        Set<Long> walIds = new HashSet<>();
        for (Path wal : WalFiles.list(sources.store())) {
            walIds.add(WalFiles.idOf(wal));
        }
        for (Path file : segmentFiles) {
            if (listed.contains(file.getFileName().toString())) {
                continue;
            }
            try {
                ManifestEntry entry = ManifestEntry.read(file);
                // A writer's conversion may have listed it (and deleted its WAL file) since the manifest
                // was read: the manifest of now says.
                if (!sources.manifest().accountsFor(entry, walIds) && !sources.stillListed(entry)) {
                    problems.add(new Damage(file, 0, entry.size(), Damage.Kind.CORRUPT, "segment is not in the manifest, "
                            + "and its " + entry.events() + " events are nowhere else: reads leave them out until "
                            + "a writer opens the store or 'timberlog compact' runs"));
                }
            } catch (SegmentDamageException e) {
                problems.add(e.toDamage());
            } catch (NoSuchFileException e) {
                // deleted since listed (retention, or the cleanup at a writer's start)
            }
        }
    }

    /** True for a meta file of at most two slots that holds only zeros (or nothing). */
    private static boolean isAllZero(Path file) throws IOException {
        if (Files.size(file) > 2 * WalMeta.SLOT_SIZE) {
            return false;
        }
        for (byte b : Files.readAllBytes(file)) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public List<Damage> problems() {
        return problems;
    }

    public List<Damage> expected() {
        return expected;
    }

    public int files() {
        return files;
    }

    public long events() {
        return events;
    }
}
