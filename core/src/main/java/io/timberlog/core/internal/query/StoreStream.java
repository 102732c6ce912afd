package io.timberlog.core.internal.query;

import io.timberlog.core.LogEvent;
import io.timberlog.core.internal.wal.WalFormat;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The matching events of one store in sequence order, forwards or backwards: its parts read one after
 * another, each opened when reached, parts that cannot match skipped. Remembers where its last WAL
 * file ended, so that a follower can go on from there. Not thread-safe.
 */
public final class StoreStream implements Closeable {
    private final List<StorePart> parts;
    private final ReadContext context;
    private final boolean backward;
    private final WalPart lastWal;
    private int index;
    private PartCursor cursor;
    private StorePart cursorPart;
    private WalPosition lastWalEnd;

    public StoreStream(List<StorePart> parts, ReadContext context, boolean backward) {
        this.context = context;
        this.backward = backward;
        List<StorePart> selected = new ArrayList<>();
        WalPart last = null;
        for (StorePart p : parts) {
            if (p instanceof WalPart) {
                last = (WalPart) p;
            }
            if (context.filter().mayMatchPart(p.summary())) {
                selected.add(p);
                context.willRead(p.size());
            }
        }
        this.parts = selected;
        this.lastWal = last;
        this.index = backward ? selected.size() - 1 : 0;
        if (last == null) {
            lastWalEnd = new WalPosition(0, WalFormat.HEADER_SIZE);
        } else if (!selected.contains(last)) {
            lastWalEnd = new WalPosition(last.walId() + 1, WalFormat.HEADER_SIZE);
        }
    }

    /** The next matching event, or {@code null} when the store has no more. */
    public LogEvent next() throws IOException {
        while (true) {
            if (cursor == null) {
                if (index < 0 || index >= parts.size()) {
                    return null;
                }
                cursorPart = parts.get(index);
                index += backward ? -1 : 1;
                cursor = backward ? cursorPart.backward(context) : cursorPart.forward(context);
                noteWalEnd(backward);
            }
            LogEvent e = cursor.next();
            if (e != null) {
                return e;
            }
            noteWalEnd(true);
            cursor.close();
            cursor = null;
        }
    }

    /** Where the last WAL file ends, once a cursor over it has read to its end. */
    private void noteWalEnd(boolean atEnd) {
        if (atEnd && cursorPart == lastWal && cursor instanceof WalPart.WalCursor) {
            WalPart.WalCursor c = (WalPart.WalCursor) cursor;
            lastWalEnd = c.sealed() ? new WalPosition(lastWal.walId() + 1, WalFormat.HEADER_SIZE)
                    : new WalPosition(lastWal.walId(), c.endPosition());
        }
    }

    /**
     * Where new events of this store will appear: after the end of its last WAL file as read. Known
     * once that file was read (reading backwards, from the start); {@code null} before.
     */
    public WalPosition followFrom() {
        return lastWalEnd;
    }

    @Override
    public void close() throws IOException {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
