package io.timberlog.examples.logback;

/** An order as the shop's HTTP endpoint received it. */
record Order(String requestId, String customer, String item, int quantity, long priceCents) {
}
