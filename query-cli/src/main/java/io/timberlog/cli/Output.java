package io.timberlog.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output for results: UTF-8, buffered, flushed after every event on a terminal (so that
 * results show as they are found) and when the buffer fills otherwise. A reader that went away
 * ({@code | head}) ends the output quietly: {@link #closed()} turns true and nothing more is written.
 */
final class Output implements AutoCloseable {
    private final Writer writer;
    private final boolean flushEach;
    private boolean closed;

    Output(OutputStream out, boolean flushEach) {
        this.writer = new OutputStreamWriter(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
        this.flushEach = flushEach;
    }

    /** Writes {@code sb} and clears it. */
    void write(StringBuilder sb) {
        if (closed) {
            sb.setLength(0);
            return;
        }
        try {
            writer.append(sb);
            if (flushEach) {
                writer.flush();
            }
        } catch (IOException e) {
            closed = true; // broken pipe: the reader has what it wanted
        }
        sb.setLength(0);
    }

    void flush() {
        if (!closed) {
            try {
                writer.flush();
            } catch (IOException e) {
                closed = true;
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
