package io.timberlog.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another process (or another store in this process) already writes to the store directory. Only
 * one writer per directory is allowed; appenders react by writing to a per-process store beside it.
 */
public final class StoreLockedException extends IOException {
    private final Path directory;
    private final long holderPid;
    private final String holderDescription;

    public StoreLockedException(Path directory, long holderPid, String holderDescription) {
        super("store " + directory + " is locked by " + holderDescription);
        this.directory = directory;
        this.holderPid = holderPid;
        this.holderDescription = holderDescription;
    }

    public Path directory() {
        return directory;
    }

    /** Process id of the holder, or -1 when it could not be read. */
    public long holderPid() {
        return holderPid;
    }

    /** E.g. {@code "pid 4711 on host web-1 since 2026-11-28T19:30:00Z"}. */
    public String holderDescription() {
        return holderDescription;
    }
}
