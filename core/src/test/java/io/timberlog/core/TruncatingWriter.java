package io.timberlog.core;

import io.timberlog.core.internal.wal.WalFiles;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Child process of {@link WriterTrapsTest}: truncates its own current WAL file while it is mapped (as a
 * careless user or a broken disk might) and keeps appending. Touching a truncated mapping raises
 * SIGBUS; the JVM must turn it into an error the store handles, not die. Prints what happened.
 */
public final class TruncatingWriter {
    private TruncatingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Paths.get(args[0]);
        LogStore logStore = LogStore.open(StoreOptions.builder(store).problemListener((m, c) -> { }).build());
        CapturedEvent e = new CapturedEvent();
        for (int i = 0; i < 1000; i++) {
            logStore.append(e.reset().logger("before").message("before {}", MessageStyle.SLF4J).addArgument(i));
        }
        List<Path> files = WalFiles.list(store);
        try (RandomAccessFile f = new RandomAccessFile(files.get(files.size() - 1).toFile(), "rw")) {
            f.setLength(4096);
        }
        int stored = 0;
        for (int i = 0; i < 1000; i++) {
            if (logStore.append(e.reset().logger("after").message("after {}", MessageStyle.SLF4J).addArgument(i))) {
                stored++;
            }
        }
        logStore.close();
        System.out.println("ALIVE stored=" + stored);
    }
}
