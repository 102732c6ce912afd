package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;
import io.timberlog.core.RunInfo;
import io.timberlog.core.query.StoreRef;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One file of a store that holds events: a segment ({@link SegmentPart}) or a WAL file
 * ({@link WalPart}). A store's parts are in sequence order: every event of a part comes after every
 * event of the parts before it in the store, so a store is read by reading its parts one after
 * another.
 *
 * <p>A WAL file can be converted into a segment, and deleted, after it was listed: its methods then
 * throw {@link NoSuchFileException}, and {@link #convertedInto()} names the segments that hold its
 * events now ({@link #forEach} does that for a caller that visits every part).
 *
 * <p>Adding a kind of part means: a subclass that summarizes the part for pruning, opens cursors in
 * both directions, and verifies itself; and the lines in {@link StoreSnapshot} that list them.
 */
public abstract class StorePart {
    /** What kind of file a part is. */
    public enum Kind {
        WAL, SEGMENT
    }

    public abstract Kind kind();

    public abstract Path file();

    /** Bytes a full read of the part goes through (its file size). */
    public abstract long size();

    /** What is known without reading the events, for pruning. */
    public abstract PartSummary summary();

    /** The runs whose events the part holds, from its header or index; empty when unknown. */
    public abstract List<RunInfo> runs() throws IOException;

    /**
     * The lowest id of the WAL files the part's events were written to. Each run writes WAL files of
     * higher ids than the runs before it, whatever its clock says; a part's place in the store's list
     * does not tell that much, since a WAL file kept for a run without events comes after the segments
     * of the runs that followed it.
     */
    public abstract long firstWalId();

    /**
     * The part's matching events, oldest first; {@code store} is the store the part belongs to, which
     * the renderers of a context that renders show ({@code null} when it does not).
     */
    public abstract PartCursor forward(ReadContext context, StoreRef store) throws IOException;

    /** The part's matching events, newest first ({@code store} as for {@link #forward}). */
    public abstract PartCursor backward(ReadContext context, StoreRef store) throws IOException;

    /** Reads and decodes the whole part, reports every damaged range and bad reference to {@code problems}, and counts what it holds. */
    public abstract PartFacts verify(Consumer<Damage> problems) throws IOException;

    /**
     * Counts the part's events and learns how it ended, without decoding them; what leaves events out
     * of the count (a segment that cannot be opened, a damaged range of a WAL file) goes to {@code damages}.
     */
    public abstract PartFacts facts(Consumer<Damage> damages) throws IOException;

    /**
     * The parts that hold this part's events once its file is gone since it was listed (a WAL file
     * converted into a segment); {@code null} when this part's file cannot have gone that way.
     */
    public abstract List<StorePart> convertedInto() throws IOException;

    /** Something done with each part of a store. */
    public interface Action {
        void on(StorePart part) throws IOException;
    }

    /**
     * Does {@code action} with each part in order; a part whose file was converted and deleted since it
     * was listed is replaced by the parts that hold its events now.
     */
    public static void forEach(List<StorePart> parts, Action action) throws IOException {
        Deque<StorePart> todo = new ArrayDeque<>(parts);
        while (!todo.isEmpty()) {
            StorePart part = todo.pollFirst();
            try {
                action.on(part);
            } catch (NoSuchFileException gone) {
                List<StorePart> now = part.convertedInto();
                if (now == null) {
                    throw gone;
                }
                for (int i = now.size() - 1; i >= 0; i--) {
                    todo.addFirst(now.get(i));
                }
            }
        }
    }
}
