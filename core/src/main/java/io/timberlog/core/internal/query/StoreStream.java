package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.internal.io.Closeables;
import io.timberlog.core.query.StoreRef;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The matching events of one store in sequence order, forwards or backwards: its parts read one after
 * another, each opened when reached, parts that cannot match skipped. A WAL file converted into a
 * segment after the snapshot was taken is read from that segment.
 *
 * <p>New events of the store appear after its last WAL file. Once the stream has read that file, it
 * keeps the file open and hands it to a follower ({@link #follow}), which goes on from where the
 * stream ended, even when the file is converted and deleted in the meantime. Not thread-safe.
 */
public final class StoreStream implements Closeable {
    /**
     * Segments opened ahead at most: for a sparse query, a block or two each, enough to keep the workers
     * busy; few open files, and little read in vain when the query stops early ({@code --lines}).
     */
    static final int MAX_AHEAD = Math.min(8, 2 * BlockWorkers.THREADS);

    private final StoreSnapshot snapshot;
    private final StoreRef store;
    private final List<StorePart> parts;
    private final ReadContext context;
    private final boolean backward;
    /** The WAL file with the store's newest events, where a writer may go on; {@code null} when a segment has them. */
    private final WalPart lastWal;
    private int index;
    private PartCursor cursor;
    private StorePart cursorPart;
    /** The last WAL file's cursor, open once it was reached; kept open for {@link #follow}. */
    private WalPart.WalCursor lastWalCursor;
    /** The first WAL id a follower reads whole: the files after what this stream read. */
    private final long nextWalId;
    /**
     * The cursors of the segments after the one being read, opened early and their first blocks handed
     * to the workers while the ones open have only a few blocks to read: a query whose matching blocks
     * lie one in each segment (the errors of a day, a rare value) would otherwise decode them one at a
     * time, each after the reading thread opened its segment.
     */
    private final ArrayDeque<PartCursor> ahead = new ArrayDeque<>();
    private final ArrayDeque<StorePart> aheadParts = new ArrayDeque<>();
    /** The events before this sequence number are not handed out ({@link Long#MIN_VALUE}: all are). */
    private final long fromSequence;

    public StoreStream(StoreSnapshot snapshot, StoreRef store, ReadContext context, boolean backward) throws IOException {
        this(snapshot, store, context, backward, Long.MIN_VALUE);
    }

    /**
     * A stream of the events from sequence number {@code fromSequence} on: the segments wholly before it
     * are not read, the events before it in the others are left out.
     */
    public StoreStream(StoreSnapshot snapshot, StoreRef store, ReadContext context, boolean backward, long fromSequence)
            throws IOException {
        this.fromSequence = fromSequence;
        this.snapshot = snapshot;
        this.store = store;
        this.context = context;
        this.backward = backward;
        Damage manifest = snapshot.manifestDamage(); // read from the segments' footers instead: say so
        if (manifest != null) {
            context.damage(manifest);
        }
        if (snapshot.lostWalDamage() != null) {
            context.damage(snapshot.lostWalDamage());
        }
        List<StorePart> selected = new ArrayList<>();
        for (StorePart p : snapshot.parts()) {
            if (p instanceof SegmentPart && ((SegmentPart) p).maxSequence() < fromSequence) {
                continue;
            }
            if (context.filter().mayMatchPart(p.summary())) {
                selected.add(p);
                context.willRead(p.size());
            }
        }
        this.parts = selected;
        this.lastWal = snapshot.newestWal();
        this.index = backward ? selected.size() - 1 : 0;
        // Unless the last WAL file is read (and handed on), a follower starts with the file after it.
        this.nextWalId = snapshot.nextWalId();
    }

    /** The next matching event, or {@code null} when the store has no more. */
    public PartHit next() throws IOException {
        while (true) {
            if (cursor == null && !openNext()) {
                return null;
            }
            PartHit e = cursor.next();
            if (e != null && e.sequence() < fromSequence) {
                continue;
            }
            if (e != null) {
                return e;
            }
            if (cursor != lastWalCursor) {
                cursor.close();
            }
            cursor = null;
        }
    }

    /** Opens the cursor of the next part; false when there are no more parts. */
    private boolean openNext() throws IOException {
        while (index >= 0 && index < parts.size()) {
            int at = index;
            cursorPart = parts.get(at);
            index += backward ? -1 : 1;
            if (!ahead.isEmpty() && aheadParts.peekFirst() == cursorPart) {
                cursor = ahead.pollFirst();
                aheadParts.pollFirst();
            } else {
                closeAhead(); // the parts changed under it (a WAL file converted meanwhile)
                try {
                    cursor = open(cursorPart);
                } catch (NoSuchFileException gone) {
                    replace(at, gone);
                    continue;
                }
            }
            if (cursorPart == lastWal) {
                lastWalCursor = (WalPart.WalCursor) cursor;
            }
            openAhead();
            return true;
        }
        return false;
    }

    private PartCursor open(StorePart part) throws IOException {
        return backward ? part.backward(context, store) : part.forward(context, store);
    }

    /**
     * Opens the next parts early while they are segments (immutable: nothing changes before they are
     * read) and the last one open has too few blocks to busy the workers, at most {@link #MAX_AHEAD}.
     */
    private void openAhead() throws IOException {
        PartCursor last = ahead.isEmpty() ? cursor : ahead.peekLast();
        while (ahead.size() < MAX_AHEAD && !last.busiesTheWorkers()) {
            int at = backward ? index - ahead.size() : index + ahead.size();
            if (at < 0 || at >= parts.size() || !(parts.get(at) instanceof SegmentPart)) {
                return;
            }
            StorePart next = parts.get(at);
            try {
                last = open(next);
            } catch (NoSuchFileException gone) {
                return; // retention took it: openNext meets the same and carries on
            }
            ahead.addLast(last);
            aheadParts.addLast(next);
            last.prefetch();
        }
    }

    /** Puts the segments made from the part at {@code at}, whose file is gone, in its place. */
    private void replace(int at, NoSuchFileException gone) throws IOException {
        List<StorePart> now = parts.get(at).convertedInto();
        if (now == null) {
            throw gone;
        }
        List<StorePart> selected = new ArrayList<>();
        for (StorePart p : now) {
            if (context.filter().mayMatchPart(p.summary())) {
                selected.add(p);
                context.willRead(p.size());
            }
        }
        parts.remove(at);
        parts.addAll(at, selected);
        // Forwards the next part is the first replacement; backwards, the last one.
        index = backward ? at + selected.size() - 1 : at;
    }

    /**
     * A follower of this store, going on from where this stream read to: after the end of its last WAL
     * file as read, or with the WAL file after it. Call once, after the stream was read (reading
     * backwards: once its newest events were read). {@code damages} are the ranges this query met.
     */
    public WalTail follow(List<Damage> damages) {
        WalPart.WalCursor tail = lastWalCursor;
        if (tail == null || tail.sealed()) {
            return new WalTail(snapshot.store(), nextWalId, context.filter());
        }
        List<Damage> holes = new ArrayList<>();
        for (Damage d : damages) {
            if (d.kind() == Damage.Kind.UNPUBLISHED && d.file().equals(lastWal.file())) {
                holes.add(d);
            }
        }
        lastWalCursor = null; // the follower owns it now
        if (cursor == tail) {
            cursor = null;
        }
        return new WalTail(snapshot.store(), lastWal.walId(), tail, holes, context.filter());
    }

    private void closeAhead() throws IOException {
        List<PartCursor> opened = new ArrayList<>(ahead);
        ahead.clear();
        aheadParts.clear();
        Closeables.closeAll(opened);
    }

    @Override
    public void close() throws IOException {
        try {
            closeAhead();
        } finally {
            closeCurrent();
        }
    }

    private void closeCurrent() throws IOException {
        try {
            if (cursor != null && cursor != lastWalCursor) {
                cursor.close();
            }
        } finally {
            cursor = null;
            if (lastWalCursor != null) {
                lastWalCursor.close();
                lastWalCursor = null;
            }
        }
    }
}
