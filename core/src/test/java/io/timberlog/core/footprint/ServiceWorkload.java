package io.timberlog.core.footprint;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.timberlog.core.CapturedEvent;
import io.timberlog.core.MessageStyle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A typical service's log: {@code order {} for {} took {} ms} with an order id, a customer and a
 * duration, one MDC entry (the request id), four loggers, eight request threads, mostly INFO with some
 * DEBUG and WARN (and, when asked, a rare ERROR), about 1,300 events a second with microsecond timestamps. Deterministic for a seed,
 * so the same events can be given to the store and to logback.
 */
public final class ServiceWorkload {
    private static final String TEMPLATE = "order {} for {} took {} ms";
    private static final String[] LOGGERS = {
        "com.acme.shop.orders.OrderService", "com.acme.shop.orders.OrderRepository",
        "com.acme.shop.payments.PaymentClient", "com.acme.shop.api.OrderController",
    };
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private final SplittableRandom random;
    private final long errorEvery;
    private long time = START;
    private long index;

    // The current event's fields.
    private String logger;
    private String thread;
    private io.timberlog.core.Level level;
    private long orderId;
    private String customer;
    private long millis;
    private String requestId;

    public ServiceWorkload(long seed) {
        this(seed, 0);
    }

    /** As {@link #ServiceWorkload(long)}, with every {@code errorEvery}th event an ERROR (0 for none): a service with few failures. */
    public ServiceWorkload(long seed, long errorEvery) {
        this.random = new SplittableRandom(seed);
        this.errorEvery = errorEvery;
    }

    /** Moves to the next event. */
    public void next() {
        time += 250_000 + random.nextInt(1_000_000);
        time -= time % 1_000; // microsecond clock
        logger = LOGGERS[random.nextInt(LOGGERS.length)];
        thread = "http-nio-8080-exec-" + (1 + random.nextInt(8));
        int l = random.nextInt(100);
        level = l < 5 ? io.timberlog.core.Level.DEBUG : l < 6 ? io.timberlog.core.Level.WARN
                : io.timberlog.core.Level.INFO;
        if (errorEvery > 0 && index % errorEvery == errorEvery - 1) {
            level = io.timberlog.core.Level.ERROR;
        }
        orderId = 1_000_000 + index;
        customer = "customer-" + random.nextInt(5_000);
        millis = random.nextInt(1_500);
        requestId = "req-" + (index / 3);
        index++;
    }

    public CapturedEvent fill(CapturedEvent event) {
        return event.reset().timestamp(time).level(level).logger(logger).thread(thread)
                .message(TEMPLATE, MessageStyle.SLF4J).addArgument(orderId).addArgument(customer)
                .addArgument(millis).putMdc("requestId", requestId);
    }

    /** Bytes of the current event as logback's default configuration writes it (console, TTLLLayout). */
    public int logbackTextBytes(LoggerContext context, TTLLLayout layout) {
        return logbackText(context, layout).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The current event as logback's default configuration writes it. */
    public String logbackText(LoggerContext context, TTLLLayout layout) {
        ch.qos.logback.classic.Logger log = context.getLogger(logger);
        LoggingEvent e = new LoggingEvent(ch.qos.logback.classic.Logger.class.getName(), log,
                Level.toLevel(level.name()), TEMPLATE, null, new Object[] {orderId, customer, millis});
        e.setInstant(Instant.ofEpochSecond(0, time));
        e.setThreadName(thread);
        e.setMDCPropertyMap(Map.of("requestId", requestId));
        return layout.doLayout(e);
    }

    public static TTLLLayout defaultLayout(LoggerContext context) {
        TTLLLayout layout = new TTLLLayout();
        layout.setContext(context);
        layout.start();
        return layout;
    }
}
