package dev.farcall.examples.invoke;

/** Thrown when an order cannot be priced; the message says why. */
public class PricingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PricingException(String message) {
    super(message);
  }
}
