package dev.farcall.examples.invoke;

/**
 * An order to price.
 *
 * @param customer who orders; shown in the quote's label
 * @param discountPercent a whole-number discount applied to the subtotal, 0 to 100
 */
public record Order(String customer, int discountPercent) {}
