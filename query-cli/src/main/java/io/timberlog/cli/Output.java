package io.timberlog.cli;

import io.timberlog.core.query.QueryHit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output for results: UTF-8, buffered, flushed after every event on a terminal (so that
 * results show as they are found) and when the buffer fills otherwise. A reader that went away
 * ({@code | head}) ends the output quietly: {@link #closed()} turns true and nothing more is written.
 * Any other failure (a full disk) ends it too, and {@link #checkWritten()} then throws it.
 */
final class Output implements AutoCloseable {
    private final OutputStream out;
    private final boolean flushEach;
    private final Console console;
    private boolean closed;
    private IOException failure;

    Output(Console console, boolean flushEach) {
        this.console = console;
        this.out = new BufferedOutputStream(console.out(), 1 << 16);
        this.flushEach = flushEach;
    }

    /** Ends the output after a failed write: quietly when the reader went away. */
    private void failed(IOException e) {
        closed = true;
        if (failure == null && !console.readerGone(e)) {
            failure = e;
        }
    }

    /** @throws IOException when a write failed for another reason than the reader going away */
    void checkWritten() throws IOException {
        if (failure != null) {
            throw Console.writeFailed(failure);
        }
    }

    /** True when nothing more is written: a write failed, or the reader is known to have gone away. */
    boolean closedOrUnread() {
        if (!closed && console.readerGoneNow()) {
            closed = true;
        }
        return closed;
    }

    /** Writes {@code sb} and clears it. */
    void write(StringBuilder sb) {
        if (closed) {
            sb.setLength(0);
            return;
        }
        try {
            // String.getBytes copies ASCII text to UTF-8 as a whole: a Writer's encoder goes char by char,
            // which cost a scan printing millions of events a fifth of its time.
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            if (flushEach) {
                out.flush();
            }
        } catch (IOException e) {
            failed(e);
        }
        sb.setLength(0);
    }

    /** Writes the text of a hit that has it ({@link QueryHit#hasText()}). */
    void write(QueryHit hit) {
        if (closed) {
            return;
        }
        try {
            hit.writeText(out);
            if (flushEach) {
                out.flush();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    void flush() {
        if (!closed) {
            try {
                out.flush();
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    /** True when the reader of the output went away. */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        flush();
    }
}
