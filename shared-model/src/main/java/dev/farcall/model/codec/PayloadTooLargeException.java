package dev.farcall.model.codec;

/**
 * A value whose encoding would be larger than the limit it was encoded under (the wire's largest
 * payload); encoding stopped when the limit was passed.
 */
public class PayloadTooLargeException extends RuntimeException {

  private final int maxBytes;

  public PayloadTooLargeException(int maxBytes) {
    super("the encoded value is larger than " + maxBytes + " bytes");
    this.maxBytes = maxBytes;
  }

  /** The limit that was passed, in bytes. */
  public int maxBytes() {
    return maxBytes;
  }
}
