package io.timberlog.bench.child;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one logging call every contender is measured with, through SLF4J whatever the framework:
 * {@code log.info("order {} for {} took {} ms", i, customer, millis)} with one MDC entry. The boxing of
 * {@code i} and {@code millis} and the varargs array are the application's allocation, the same for
 * every contender (the reference contenders with no appender show it).
 *
 * <p>Creating a Workload makes SLF4J start the framework, configured by the contender's JVM options.
 */
public final class Workload {
    public static final String LOGGER_NAME = "com.acme.shop.orders.OrderService";
    public static final String TEMPLATE = "order {} for {} took {} ms";
    private static final int CUSTOMER_COUNT = 1024;
    private static final String[] CUSTOMERS = new String[CUSTOMER_COUNT];

    static {
        for (int i = 0; i < CUSTOMER_COUNT; i++) {
            CUSTOMERS[i] = "customer-" + (i * 7919 % 100_000);
        }
    }

    private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

    /**
     * Sets the calling thread's MDC entry: once per thread, as a request filter sets it once per request
     * (setting it per call would add each framework's MDC copy to every contender's cost).
     */
    public static void enterThread(int thread) {
        MDC.put("requestId", "req-" + (7_000 + thread));
    }

    /** One call; {@code i} is the order number, which the kill -9 test reads back. */
    public void log(long i) {
        log.info(TEMPLATE, i, CUSTOMERS[(int) (i & (CUSTOMER_COUNT - 1))], (int) (i % 1500));
    }
}
