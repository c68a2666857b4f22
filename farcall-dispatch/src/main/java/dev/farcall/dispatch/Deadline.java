package dev.farcall.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a caller stops waiting for a call: one instant on the wall clock, carried end to end (from a
 * REST request's {@code timeoutMillis} or a run's call timeout, through the pending table and the
 * wire's {@code deadlineEpochMillis}, to the worker that skips expired calls). Wall-clock millis
 * because the instant crosses processes and machines.
 *
 * @param epochMillis the instant, in milliseconds since the epoch
 */
public record Deadline(long epochMillis) implements Comparable<Deadline> {

  /** The deadline {@code timeout} from now on {@code clock}; a huge timeout saturates. */
  public static Deadline in(Duration timeout, Clock clock) {
    long now = clock.millis();
    long millis;
    try {
      millis = Math.addExact(now, timeout.toMillis());
    } catch (ArithmeticException overflow) {
      millis = Long.MAX_VALUE;
    }
    return new Deadline(millis);
  }

  /** The deadline {@code timeout} from now on the system clock. */
  public static Deadline in(Duration timeout) {
    return in(timeout, Clock.systemUTC());
  }

  /** A deadline at an instant. */
  public static Deadline at(Instant instant) {
    return new Deadline(instant.toEpochMilli());
  }

  /** The instant. */
  public Instant instant() {
    return Instant.ofEpochMilli(epochMillis);
  }

  /** What is left of it on {@code clock}; zero once it has passed. */
  public Duration remaining(Clock clock) {
    return Duration.ofMillis(Math.max(0, epochMillis - clock.millis()));
  }

  /** Whether it has passed on {@code clock}. */
  public boolean passed(Clock clock) {
    return clock.millis() >= epochMillis;
  }

  /** The earlier of this deadline and {@code other}. */
  public Deadline earlierOf(Deadline other) {
    return other.epochMillis < epochMillis ? other : this;
  }

  @Override
  public int compareTo(Deadline o) {
    return Long.compare(epochMillis, o.epochMillis);
  }

  @Override
  public String toString() {
    return instant().toString();
  }
}
