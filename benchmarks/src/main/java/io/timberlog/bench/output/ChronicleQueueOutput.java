package io.timberlog.bench.output;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Chronicle Logger's queue, {@code queue/}, read with Chronicle Queue's own tailer: each excerpt holds
 * the fields Chronicle Logger writes ({@code ts}, {@code level}, {@code threadName}, {@code loggerName},
 * {@code message}, ...), the message already formatted. An excerpt the killed writer had not finished
 * is not complete, and the tailer does not return it.
 */
final class ChronicleQueueOutput implements EventOutput {
    static final String DIRECTORY = "queue";

    @Override
    public void read(Path runDirectory, LongConsumer orderNumbers) throws IOException {
        Path dir = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).wireType(WireType.BINARY_LIGHT)
                .readOnly(true).build()) {
            ExcerptTailer tailer = queue.createTailer();
            while (true) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        return;
                    }
                    String message = document.wire().read("message").text();
                    long order = message == null ? -1 : OrderMessage.orderNumber(message);
                    if (order >= 0) {
                        orderNumbers.accept(order);
                    }
                }
            }
        }
    }
}
