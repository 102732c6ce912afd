package io.timberlog.core;

import java.nio.file.Paths;

/**
 * A child JVM for {@link ShadedJarIT}: writes a store (WAL, segment, manifest), closes it and reads it
 * back, printing nothing on success, so that anything on standard error came from us or what we bundle.
 */
public final class StoreSmoke {
    private StoreSmoke() {
    }

    public static void main(String[] args) throws Exception {
        StoreOptions options = StoreOptions.builder(Paths.get(args[0])).build();
        try (LogStore store = LogStore.open(options)) {
            CapturedEvent event = new CapturedEvent();
            for (int i = 0; i < 10_000; i++) {
                store.append(event.reset().message("event {} of {}", MessageStyle.SLF4J).addArgument(i)
                        .addArgument("smoke").throwable(i % 1000 == 0 ? ThrowableInfo.from(new Exception("x")) : null));
            }
        }
        long[] count = {0};
        StoreReader.open(Paths.get(args[0])).readAll(e -> count[0]++);
        if (count[0] != 10_000) {
            throw new AssertionError("read " + count[0] + " events");
        }
    }
}
