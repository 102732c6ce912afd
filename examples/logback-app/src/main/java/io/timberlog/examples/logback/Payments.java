package io.timberlog.examples.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.net.SocketTimeoutException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Charges customers through a flaky "payment provider" that times out now and then. */
final class Payments {
    private static final Logger log = LoggerFactory.getLogger("shop.payments.Payments");
    private static final Marker AUDIT = MarkerFactory.getMarker("AUDIT");

    String charge(String customer, long cents) throws PaymentDeclinedException {
        if (ThreadLocalRandom.current().nextInt(40) == 0) {
            throw new PaymentDeclinedException("provider did not answer for " + customer,
                    new SocketTimeoutException("read timed out after 2000 ms"));
        }
        String receipt = UUID.randomUUID().toString().substring(0, 8);
        log.info(AUDIT, "charged {} {} cents, receipt {}", customer, cents, receipt);
        return receipt;
    }
}
