package io.timberlog.core.internal.query;

import io.timberlog.core.Damage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One file of a store that holds events: a WAL file ({@link WalPart}), and, once segments exist, a
 * segment. A store's parts are in sequence order: every event of a part comes after every event of
 * the parts before it in the store, so a store is read by reading its parts one after another.
 *
 * <p>Adding a kind of part means: a subclass that summarizes the part for pruning, opens cursors in
 * both directions, and verifies itself; and a line in {@link StoreLayout#parts} that lists them.
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

    /** The part's matching events, oldest first. */
    public abstract PartCursor forward(ReadContext context) throws IOException;

    /** The part's matching events, newest first. */
    public abstract PartCursor backward(ReadContext context) throws IOException;

    /** Reads and decodes the whole part, reports every damaged range and bad reference to {@code problems}, and counts what it holds. */
    public abstract PartFacts verify(Consumer<Damage> problems) throws IOException;

    /** Counts the part's events and learns how it ended, without decoding them. */
    public abstract PartFacts facts() throws IOException;
}
