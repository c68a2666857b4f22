package dev.farcall.local;

/** A command line the launcher cannot accept; the message says what is wrong and how to fix it. */
public final class UsageException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
