package dev.farcall.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a remote object is placed and looked after.
 *
 * @param placement a worker id to create the object on, or {@link #ANY_WORKER} for the least loaded
 *     live worker
 * @param maxRestarts how many times the object is recreated (constructor re-run, fresh state) on
 *     another worker after its worker was lost; 0 means a lost object stays lost
 * @param callTimeout how long one call (including waiting for a restart) may take before it fails
 */
public record RemoteOptions(String placement, int maxRestarts, Duration callTimeout) {

  /** The placement that lets Farcall choose. */
  public static final String ANY_WORKER = "any";

  /** Default of {@link #callTimeout()}: long enough for a restart, short enough to notice. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  public RemoteOptions {
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
    }
  }

  /** Any worker, no restarts, the default call timeout. */
  public static RemoteOptions defaults() {
    return new RemoteOptions(ANY_WORKER, 0, DEFAULT_CALL_TIMEOUT);
  }

  public RemoteOptions withPlacement(String workerId) {
    return new RemoteOptions(workerId, maxRestarts, callTimeout);
  }

  public RemoteOptions withMaxRestarts(int restarts) {
    return new RemoteOptions(placement, restarts, callTimeout);
  }

  public RemoteOptions withCallTimeout(Duration timeout) {
    return new RemoteOptions(placement, maxRestarts, timeout);
  }
}
