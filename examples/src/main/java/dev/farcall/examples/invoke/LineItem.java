package dev.farcall.examples.invoke;

/**
 * One line of an order.
 *
 * @param sku the article
 * @param quantity how many, at least 1
 * @param unitPriceCents the price of one article in cents
 */
public record LineItem(String sku, int quantity, long unitPriceCents) {}
