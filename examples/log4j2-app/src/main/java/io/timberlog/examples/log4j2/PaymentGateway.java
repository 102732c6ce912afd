package io.timberlog.examples.log4j2;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.math.BigDecimal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small payment gateway that logs like a real one, through the log4j2 API, with TimberLog beside the
 * console: payments arrive about 40 times a second, a pool of two threads screens them for fraud and
 * books them in a ledger, with the payment id and merchant in the ThreadContext, a rejected or failed
 * payment now and then, and markers for compliance. It runs until it is stopped or killed; kill it with
 * {@code kill -9} and read its last events from the store named by {@code -Dtimberlog.dir}.
 */
public final class PaymentGateway {
    private static final Logger log = LogManager.getLogger("gateway.api.PaymentGateway");
    private static final String[] MERCHANTS = {"acme-books", "bluebird-cafe", "northwind", "zenith-air"};
    private static final String[] CURRENCIES = {"EUR", "USD", "CHF"};

    private PaymentGateway() {
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("payment gateway starting (pid {}), TimberLog store in {}", ProcessHandle.current().pid(),
                System.getProperty("timberlog.dir", "target/timberlog-store"));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "settlement-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FraudScreen screen = new FraudScreen();
        Ledger ledger = new Ledger();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long n = 1; ; n++) {
            Payment payment = new Payment("pay-" + n, MERCHANTS[random.nextInt(MERCHANTS.length)],
                    BigDecimal.valueOf(random.nextLong(100, 250_000), 2), CURRENCIES[random.nextInt(CURRENCIES.length)]);
            log.debug("received {} from {}: {} {}", payment.id(), payment.merchant(), payment.amount(), payment.currency());
            pool.execute(() -> settle(payment, screen, ledger));
            Thread.sleep(25);
        }
    }

    private static void settle(Payment payment, FraudScreen screen, Ledger ledger) {
        try (CloseableThreadContext.Instance context = CloseableThreadContext.put("paymentId", payment.id())
                .put("merchant", payment.merchant())) {
            if (!screen.approve(payment)) {
                return;
            }
            try {
                long entry = ledger.book(payment);
                log.info("settled {} {} {} as ledger entry {}", payment.id(), payment.amount(), payment.currency(), entry);
            } catch (LedgerUnavailableException e) {
                log.error("could not settle {}; it will be retried by the nightly batch", payment.id(), e);
            }
        }
    }
}
