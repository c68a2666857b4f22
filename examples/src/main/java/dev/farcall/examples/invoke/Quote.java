package dev.farcall.examples.invoke;

/**
 * The price of an order.
 *
 * @param totalCents the total after discount, in cents
 * @param itemCount the number of articles (the sum of the quantities)
 * @param label a human-readable summary
 */
public record Quote(long totalCents, int itemCount, String label) {}
