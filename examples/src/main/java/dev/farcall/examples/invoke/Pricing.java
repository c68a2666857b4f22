package dev.farcall.examples.invoke;

import java.util.List;

/**
 * Prices orders. Every method is static and pure: the result depends only on the arguments, so each
 * may run on any worker.
 */
public final class Pricing {

  private Pricing() {}

  /**
   * Prices an order: the sum of quantity times unit price of every item, less the order's discount
   * (rounded down to whole cents).
   *
   * @throws PricingException if the discount is out of range or an item has no positive quantity
   */
  public static Quote quote(Order order, List<LineItem> items) {
    if (order.discountPercent() < 0 || order.discountPercent() > 100) {
      throw new PricingException("discount out of range: " + order.discountPercent());
    }
    long subtotal = 0;
    int count = 0;
    for (LineItem item : items) {
      if (item.quantity() < 1) {
        throw new PricingException("quantity must be positive for " + item.sku());
      }
      subtotal += item.quantity() * item.unitPriceCents();
      count += item.quantity();
    }
    long total = subtotal * (100 - order.discountPercent()) / 100;
    String label = order.customer() + ": " + count + " items, " + formatCents(total);
    return new Quote(total, count, label);
  }

  /** Always throws a {@link PricingException} with the given reason as its message. */
  public static Quote fail(String why) {
    throw new PricingException(why);
  }

  /** Formats cents as a decimal amount, e.g. {@code 1234} as {@code "12.34"}. */
  public static String formatCents(long cents) {
    String sign = cents < 0 ? "-" : "";
    long abs = Math.abs(cents);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }
}
