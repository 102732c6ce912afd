package io.timberlog.examples.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.concurrent.BlockingQueue;

/** Places orders taken from the queue: reserves stock, charges the customer, and logs how it went. */
final class OrderDesk {
    private static final Logger log = LoggerFactory.getLogger("shop.orders.OrderDesk");

    private final Inventory inventory;
    private final Payments payments;

    OrderDesk(Inventory inventory, Payments payments) {
        this.inventory = inventory;
        this.payments = payments;
    }

    void work(BlockingQueue<Order> orders) {
        while (true) {
            Order order;
            try {
                order = orders.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            MDC.put("requestId", order.requestId());
            MDC.put("customer", order.customer());
            try {
                place(order);
            } finally {
                MDC.clear();
            }
        }
    }

    private void place(Order order) {
        long started = System.nanoTime();
        if (!inventory.reserve(order.item(), order.quantity())) {
            log.warn("order {} rejected: {} x {} out of stock", order.requestId(), order.quantity(), order.item());
            return;
        }
        try {
            String receipt = payments.charge(order.customer(), order.quantity() * order.priceCents());
            log.atInfo().addKeyValue("item", order.item()).addKeyValue("cents", order.quantity() * order.priceCents())
                    .log("order {} placed, receipt {}, took {} µs", order.requestId(), receipt,
                            (System.nanoTime() - started) / 1_000);
        } catch (PaymentDeclinedException e) {
            inventory.release(order.item(), order.quantity());
            log.error("order {} failed: payment declined for {}", order.requestId(), order.customer(), e);
        }
    }
}
