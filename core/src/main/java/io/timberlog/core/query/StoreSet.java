package io.timberlog.core.query;

import io.timberlog.core.Damage;
import io.timberlog.core.NotAStoreException;
import io.timberlog.core.RunInfo;
import io.timberlog.core.UnsupportedFormatException;
import io.timberlog.core.internal.query.EventFilter;
import io.timberlog.core.internal.query.MergeCursor;
import io.timberlog.core.internal.query.PartFacts;
import io.timberlog.core.internal.query.ReadContext;
import io.timberlog.core.internal.query.RunCatalog;
import io.timberlog.core.internal.query.StoreLayout;
import io.timberlog.core.internal.query.StorePart;
import io.timberlog.core.internal.query.StoreSnapshot;
import io.timberlog.core.internal.query.StoreStream;
import io.timberlog.core.internal.query.StoreVerifier;
import io.timberlog.core.internal.wal.WalFiles;
import io.timberlog.core.internal.wal.WalMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/**
 * The stores under one directory, read as one: a store, its per-process fallback stores
 * ({@code <store>/fallback/pid-<pid>}), or a root that holds several stores (a fleet's directories).
 * Reads need no repair and never modify anything; they work while writers append and right after a
 * writer crashed.
 *
 * <pre>{@code
 * StoreSet stores = StoreSet.open(Paths.get("/var/log/app/timberlog"));
 * try (QueryResult result = stores.query(Query.builder().minLevel(Level.ERROR).last(20).build())) {
 *     while (result.hasNext()) {
 *         QueryHit hit = result.next();
 *         System.out.println(hit.store().label() + " " + hit.event().message());
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: it holds only the list of stores; each query has its own state.
 */
public final class StoreSet {
    private final Path root;
    private final List<StoreRef> stores;

    private StoreSet(Path root, List<StoreRef> stores) {
        this.root = root;
        this.stores = stores;
    }

    /**
     * Finds the stores at or below {@code root}.
     *
     * @throws NotAStoreException when {@code root} does not exist, is not a directory, or holds no store
     * @throws UnsupportedFormatException when a store was written by a newer TimberLog
     */
    public static StoreSet open(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NotAStoreException(root + ": no such directory");
        }
        if (!Files.isDirectory(root)) {
            throw new NotAStoreException(root + ": not a directory");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new NotAStoreException(root + ": permission denied");
        }
        List<Path> dirs = StoreLayout.findStores(root);
        if (dirs.isEmpty()) {
            throw new NotAStoreException(root + ": not a TimberLog store, and there is no store below it");
        }
        List<StoreRef> refs = new ArrayList<>();
        for (Path dir : dirs) {
            if (WalMeta.isNewerVersion(dir)) {
                throw new UnsupportedFormatException(dir + " was written by a newer version of TimberLog");
            }
            refs.add(new StoreRef(label(root, dir), dir, refs.size()));
        }
        return new StoreSet(root, Collections.unmodifiableList(refs));
    }

    static String label(Path root, Path dir) {
        String relative = root.relativize(dir).toString();
        return relative.isEmpty() ? "." : relative;
    }

    public Path root() {
        return root;
    }

    /** The stores, the root's own first; each store's fallback stores right after it. */
    public List<StoreRef> stores() {
        return stores;
    }

    /**
     * Starts a query. Events come out as they are read: the first ones long before a large store has
     * been read to its end. Close the result when done.
     *
     * @throws IllegalArgumentException when the query names a run that is not in the stores
     */
    public QueryResult query(Query query) throws IOException {
        Set<RunInfo> runs = query.run() == null ? null : Set.of(selectRun(query.run()));
        ReadContext context = new ReadContext(new EventFilter(query, runs), query.renderers(), query.last());
        boolean backward = query.reverse() || query.last() > 0;
        List<StoreStream> streams = new ArrayList<>();
        for (StoreRef store : stores) {
            streams.add(new StoreStream(StoreSnapshot.take(store.directory()), store, context, backward));
        }
        return new QueryResult(this, query, context, new MergeCursor(streams, stores, backward));
    }

    /**
     * The second pass of a {@link Query#last} query too large to hold: the events of each store from
     * {@code fromSequence[i]} of store {@code i} on, oldest first ({@link Long#MAX_VALUE}: none of that
     * store, whose stream is still there to be followed), read in {@code context}.
     */
    MergeCursor forwardFrom(ReadContext context, long[] fromSequence) throws IOException {
        List<StoreStream> streams = new ArrayList<>();
        for (StoreRef store : stores) {
            streams.add(new StoreStream(StoreSnapshot.take(store.directory()), store, context, false,
                    fromSequence[store.index()]));
        }
        return new MergeCursor(streams, stores, false);
    }

    /** The run that {@code selector} names among the runs of every store, in the order of {@link #runs()}. */
    public RunInfo selectRun(RunSelector selector) throws IOException {
        List<RunInfo> runs = runInfos();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run: " + root + " holds no events");
        }
        if (selector.isPosition()) {
            int p = selector.position();
            int i = p <= 0 ? runs.size() - 1 + p : p - 1;
            if (i < 0 || i >= runs.size()) {
                int n = runs.size();
                throw new IllegalArgumentException("no run " + p + ": " + (n == 1
                        ? "there is 1 run (0, or 1 counting from the oldest)"
                        : "there are " + n + " runs (0 the latest, -" + (n - 1) + " the oldest; 1 to " + n
                                + " counting from the oldest)"));
            }
            return runs.get(i);
        }
        RunInfo match = null;
        for (RunInfo r : runs) {
            if (r.id().startsWith(selector.id()) && !r.equals(match)) {
                if (match != null) {
                    throw new IllegalArgumentException("run id '" + selector.id() + "' is ambiguous: "
                            + match.id() + ", " + r.id());
                }
                match = r;
            }
        }
        if (match == null) {
            throw new IllegalArgumentException("no run with id '" + selector.id() + "'");
        }
        return match;
    }

    /**
     * Every run of every store, in the order of {@link #runs()}, so that a position there is one here;
     * read from the files' headers and indexes only. A run in two stores (a copied store) is there
     * once for each, as {@link #runs()} lists it.
     */
    private List<RunInfo> runInfos() throws IOException {
        List<List<RunInfo>> perStore = new ArrayList<>();
        for (StoreRef store : stores) {
            List<RunInfo> ofStore = new ArrayList<>();
            for (RunCatalog.RunParts run : RunCatalog.group(StoreSnapshot.take(store.directory()).parts())) {
                ofStore.add(run.run);
            }
            perStore.add(ofStore);
        }
        return interleaveByStart(perStore, RunInfo::startEpochNanos);
    }

    /**
     * Each store's runs in the order they wrote, the stores' interleaved by start (on a tie, the earlier
     * store's first): the order of {@link #runs()}, which positions name. Sorting them all by start
     * would put a run whose clock was set back (a restart after an NTP step, a VM restored) before
     * the run it followed, and {@code --run -1} would name the wrong one.
     */
    private static <T> List<T> interleaveByStart(List<List<T>> perStore, ToLongFunction<T> start) {
        List<T> all = new ArrayList<>();
        int[] next = new int[perStore.size()];
        while (true) {
            int earliest = -1;
            for (int i = 0; i < perStore.size(); i++) {
                if (next[i] < perStore.get(i).size() && (earliest < 0 || start.applyAsLong(perStore.get(i).get(next[i]))
                        < start.applyAsLong(perStore.get(earliest).get(next[earliest])))) {
                    earliest = i;
                }
            }
            if (earliest < 0) {
                return all;
            }
            all.add(perStore.get(earliest).get(next[earliest]++));
        }
    }

    /**
     * Every run of every store, with its event count and how it ended: each store's runs in the order they
     * wrote, whatever their clocks said, the stores' interleaved by start. Reads every file (without
     * decoding events).
     */
    public List<RunSummary> runs() throws IOException {
        return runs(d -> { });
    }

    /**
     * As {@link #runs()}, and reports to {@code damages} what makes the counts and states short: a
     * damaged manifest, a segment that cannot be read, a damaged or lost WAL file. A run whose last
     * file is lost shows as crashed.
     */
    public List<RunSummary> runs(Consumer<Damage> damages) throws IOException {
        List<List<RunSummary>> perStore = new ArrayList<>();
        for (StoreRef store : stores) {
            List<RunSummary> summaries = new ArrayList<>();
            perStore.add(summaries);
            StoreSnapshot snapshot = StoreSnapshot.take(store.directory());
            for (Damage d : new Damage[] {snapshot.manifestDamage(), snapshot.lostWalDamage()}) {
                if (d != null) {
                    damages.accept(d);
                }
            }
            List<RunCatalog.RunParts> runs = RunCatalog.group(snapshot.parts());
            Set<StorePart> inRuns = Collections.newSetFromMap(new IdentityHashMap<>());
            runs.forEach(r -> inRuns.addAll(r.parts));
            for (StorePart part : snapshot.parts()) {
                if (!inRuns.contains(part)) {
                    StorePart.forEach(List.of(part), p -> p.facts(damages)); // a part of no known run: lost to all
                }
            }
            for (RunCatalog.RunParts run : runs) {
                long[] events = {0};
                long[] end = {0};
                boolean[] clean = {false};
                StorePart.forEach(run.parts, part -> {
                    PartFacts f = part.facts(damages);
                    events[0] += f.events();
                    end[0] = Math.max(end[0], f.endEpochNanos());
                    clean[0] = f.cleanEnd();
                });
                RunSummary.State state = clean[0] ? RunSummary.State.CLEAN
                        : RunCatalog.isAlive(run.run) ? RunSummary.State.RUNNING : RunSummary.State.CRASHED;
                summaries.add(new RunSummary(run.run, store, end[0], events[0], run.parts.size(), state));
            }
        }
        return interleaveByStart(perStore, RunSummary::startEpochNanos);
    }

    /** The files of each store and the bytes they take. */
    public List<StoreSummary> summaries() throws IOException {
        List<StoreSummary> summaries = new ArrayList<>();
        for (StoreRef store : stores) {
            int walFiles = 0;
            int segments = 0;
            long walBytes = 0;
            long segmentBytes = 0;
            for (StorePart part : StoreSnapshot.take(store.directory()).parts()) {
                if (part.kind() != StorePart.Kind.WAL) {
                    segments++;
                    segmentBytes += part.size();
                }
            }
            // Every WAL file, as listed: also the one a writer made ahead for its next rotation.
            for (Path wal : WalFiles.list(store.directory())) {
                try {
                    walBytes += Files.size(wal);
                    walFiles++;
                } catch (NoSuchFileException converted) {
                    // converted and deleted since the listing
                }
            }
            summaries.add(new StoreSummary(store, walFiles, walBytes, segments, segmentBytes,
                    StoreLayout.bytesOnDisk(store.directory())));
        }
        return summaries;
    }

    /** Reads every file of every store and checks every checksum and reference. */
    public VerifyReport verify() throws IOException {
        return verify(bytes -> { });
    }

    /**
     * As {@link #verify()}, telling {@code progress} the size of each file once it is checked: with the
     * sizes of {@link #summaries()}, how far the check has come.
     */
    public VerifyReport verify(LongConsumer progress) throws IOException {
        StoreVerifier verifier = new StoreVerifier();
        for (StoreRef store : stores) {
            verifier.verify(store.directory(), progress);
        }
        return new VerifyReport(verifier.files(), verifier.events(), verifier.problems(), verifier.expected());
    }
}
