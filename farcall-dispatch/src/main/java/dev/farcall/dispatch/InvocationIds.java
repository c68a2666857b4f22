package dev.farcall.dispatch;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Invocation ids: UUID-shaped, a random 64-bit prefix per dispatcher and a counter. Unique within a
 * dispatcher by the counter, and across dispatchers (a restarted coordinator may still see late
 * replies to its predecessor's calls) by the prefix. {@link UUID#randomUUID()} per call read the
 * shared {@link SecureRandom} under a lock on the hot path.
 */
final class InvocationIds {

  private final long prefix = new SecureRandom().nextLong();
  private final AtomicLong counter = new AtomicLong(new SecureRandom().nextLong());

  String next() {
    return new UUID(prefix, counter.getAndIncrement()).toString();
  }
}
