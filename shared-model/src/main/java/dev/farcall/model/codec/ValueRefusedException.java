package dev.farcall.model.codec;

/**
 * A value met at encoding time cannot be transferred (a cycle, a sliced subclass, a custom
 * comparator). Thrown deep in the codec tree, where the method and parameter are unknown; the
 * method codec turns it into a {@link NotTransferableException}. No stack trace: it is control
 * flow.
 */
final class ValueRefusedException extends RuntimeException {

  final String type;
  final String reason;

  ValueRefusedException(String type, String reason) {
    super(type + ": " + reason, null, false, false);
    this.type = type;
    this.reason = reason;
  }
}
