package io.timberlog.examples.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;

/** Stock per item; restocks an item when it runs out, as a warehouse would, some time later. */
final class Inventory {
    private static final Logger log = LoggerFactory.getLogger("shop.inventory.Inventory");
    private static final int RESTOCK = 40;

    private final ConcurrentHashMap<String, Integer> stock = new ConcurrentHashMap<>();

    boolean reserve(String item, int quantity) {
        int[] left = {-1};
        stock.compute(item, (k, v) -> {
            int have = v == null ? RESTOCK : v;
            if (have < quantity) {
                return have + RESTOCK; // out of stock now; the restock arrives for the next order
            }
            left[0] = have - quantity;
            return left[0];
        });
        if (left[0] < 0) {
            log.info("restocking {} with {} units", item, RESTOCK);
            return false;
        }
        log.debug("reserved {} x {}, {} left", quantity, item, left[0]);
        return true;
    }

    void release(String item, int quantity) {
        stock.merge(item, quantity, Integer::sum);
        log.debug("released {} x {}", quantity, item);
    }
}
