package io.timberlog.bench.output;

import io.timberlog.core.StoreReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** A TimberLog store, {@code store/}, read with core's {@link StoreReader} as the CLI reads it: no repair step. */
final class StoreOutput implements EventOutput {
    static final String DIRECTORY = "store";

    @Override
    public void read(Path runDirectory, LongConsumer orderNumbers) throws IOException {
        Path store = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(store)) {
            return;
        }
        StoreReader.ReadSummary summary = StoreReader.open(store).readAll(event -> {
            if (!event.arguments().isEmpty()) {
                orderNumbers.accept(event.arguments().get(0).asLong());
            }
        });
        if (!summary.damages().isEmpty()) {
            System.out.println("store damage reported by the reader: " + summary.damages());
        }
    }
}
