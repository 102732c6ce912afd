package io.timberlog.examples.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Books settled payments; its "database" drops the connection now and then. */
final class Ledger {
    private static final Logger log = LogManager.getLogger("gateway.ledger.Ledger");

    private final AtomicLong entries = new AtomicLong(100_000);

    long book(Payment payment) throws LedgerUnavailableException {
        if (ThreadLocalRandom.current().nextInt(60) == 0) {
            throw new LedgerUnavailableException("ledger connection lost while booking " + payment.id(),
                    new IOException("connection reset by peer"));
        }
        long entry = entries.incrementAndGet();
        log.trace("booked entry {}", entry);
        return entry;
    }
}
