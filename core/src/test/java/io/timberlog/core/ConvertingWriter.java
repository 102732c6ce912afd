package io.timberlog.core;

import io.timberlog.core.testing.WalFixtures;

import java.nio.file.Paths;

/**
 * A child JVM for {@link ConversionKillTest}: appends numbered events to a store with the smallest WAL
 * files, so that the segment manager converts all the time, and prints the number of each thousandth
 * acknowledged event until it is killed.
 */
public final class ConvertingWriter {
    private ConvertingWriter() {
    }

    public static void main(String[] args) throws Exception {
        LogStore store = LogStore.open(WalFixtures.options(Paths.get(args[0])).build());
        CapturedEvent event = new CapturedEvent();
        for (long i = 0; ; i++) {
            if (!store.append(event.reset().message("event {} of the converting writer", MessageStyle.SLF4J)
                    .addArgument(i).putMdc("n", Long.toString(i)))) {
                throw new IllegalStateException("append " + i + " dropped");
            }
            if (i % 1000 == 0) {
                System.out.println(i);
                System.out.flush();
            }
        }
    }
}
