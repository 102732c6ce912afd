package io.timberlog.examples.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;

/** Scores payments; large ones from unusual places are held for review. */
final class FraudScreen {
    private static final Logger log = LogManager.getLogger("gateway.risk.FraudScreen");
    private static final Marker COMPLIANCE = MarkerManager.getMarker("COMPLIANCE");
    private static final Marker HELD = MarkerManager.getMarker("HELD").setParents(COMPLIANCE);
    private static final BigDecimal REVIEW_ABOVE = BigDecimal.valueOf(2_000);

    boolean approve(Payment payment) {
        int score = ThreadLocalRandom.current().nextInt(100);
        log.debug("risk score {} for {}", score, payment.id());
        if (payment.amount().compareTo(REVIEW_ABOVE) > 0 && score > 80) {
            log.warn(HELD, "holding {} for review: {} {} with risk score {}", payment.id(), payment.amount(),
                    payment.currency(), score);
            return false;
        }
        return true;
    }
}
