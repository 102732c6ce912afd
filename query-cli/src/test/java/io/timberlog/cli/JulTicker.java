package io.timberlog.cli;

import java.util.logging.Logger;

/**
 * A child JVM for the attach test: an application that knows nothing of TimberLog and logs
 * "tick N" through java.util.logging every 20 ms, after printing "READY", until it is killed.
 */
public final class JulTicker {
    private JulTicker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = Logger.getLogger("ticker");
        log.info("started");
        System.out.println("READY");
        System.out.flush();
        for (long n = 1; ; n++) {
            log.info("tick " + n);
            Thread.sleep(20);
        }
    }
}
