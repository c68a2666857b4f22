package dev.farcall.model.codec;

/**
 * A payload could not be decoded: truncated, a hostile length prefix, a fingerprint that does not
 * match the schema the reader derived, or values outside the decoding limits. Decoding fails fast
 * and never allocates what a length prefix claims before checking it against the bytes present.
 */
public class PayloadException extends RuntimeException {

  public PayloadException(String message) {
    super(message);
  }

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
