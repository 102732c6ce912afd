package io.timberlog.examples.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small shop service that logs like a real one, through SLF4J and logback, with TimberLog beside the
 * console: an acceptor thread takes "HTTP requests" (about 50 a second), two workers place the orders
 * (inventory, payment), with a request id in the MDC, an exception now and then, and audit markers. It
 * runs until it is stopped or killed; kill it with {@code kill -9} and read its last events from the
 * store named by {@code -Dtimberlog.dir}.
 */
public final class ShopService {
    private static final Logger log = LoggerFactory.getLogger("shop.http");
    private static final String[] CUSTOMERS = {"alice", "bob", "carol", "dave", "erin"};
    private static final String[] ITEMS = {"tent", "stove", "lantern", "sleeping-bag", "kayak"};

    private ShopService() {
    }

    public static void main(String[] args) throws InterruptedException {
        log.info("shop service starting (pid {}), TimberLog store in {}", ProcessHandle.current().pid(),
                System.getProperty("timberlog.dir", "target/timberlog-store"));
        BlockingQueue<Order> orders = new ArrayBlockingQueue<>(1_000);
        OrderDesk desk = new OrderDesk(new Inventory(), new Payments());
        for (int i = 1; i <= 2; i++) {
            Thread worker = new Thread(() -> desk.work(orders), "order-worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        Thread.currentThread().setName("http-acceptor");
        accept(orders);
    }

    /** Takes requests until the process ends. */
    private static void accept(BlockingQueue<Order> orders) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long requestId = 1; ; requestId++) {
            Order order = new Order("req-" + requestId, CUSTOMERS[random.nextInt(CUSTOMERS.length)],
                    ITEMS[random.nextInt(ITEMS.length)], 1 + random.nextInt(3), 5 + random.nextInt(500));
            MDC.put("requestId", order.requestId());
            try {
                log.debug("POST /orders customer={} item={} quantity={}", order.customer(), order.item(), order.quantity());
                if (!orders.offer(order)) {
                    log.warn("order queue full, rejecting {} with 503", order.requestId());
                }
            } finally {
                MDC.remove("requestId");
            }
            Thread.sleep(20);
        }
    }
}
