package io.timberlog.examples.log4j2;

import java.math.BigDecimal;

/** A card payment as a merchant submitted it. */
record Payment(String id, String merchant, BigDecimal amount, String currency) {
}
