package io.timberlog.bench.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** {@code app.log}, one line per event, as the logback and log4j2 contenders' pattern writes it. */
final class TextOutput implements EventOutput {
    static final String FILE_NAME = "app.log";

    @Override
    public void read(Path runDirectory, LongConsumer orderNumbers) throws IOException {
        Path file = runDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long order = OrderMessage.orderNumber(line);
                if (order >= 0) {
                    orderNumbers.accept(order);
                }
            }
        }
    }
}
