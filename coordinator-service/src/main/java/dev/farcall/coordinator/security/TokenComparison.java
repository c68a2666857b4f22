package dev.farcall.coordinator.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented token with an expected one in time that depends on neither where they differ
 * nor their lengths: both are hashed to 32 bytes first, then compared with {@link
 * MessageDigest#isEqual}, which examines every byte.
 */
final class TokenComparison {

  private TokenComparison() {}

  /** Whether {@code presented} is {@code expected}; false when either is null. */
  static boolean matches(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(digest(expected), digest(presented));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
