package dev.farcall.heuristics.simulation;

import java.util.Objects;

/**
 * A stretch of a site's calls with the same behaviour; a site's calls go through its phases in
 * order (by call number, whichever thread makes the call).
 *
 * @param calls how many calls the phase has (&gt; 0)
 * @param work the work of each call
 * @param bytesSent encoded argument bytes of a call
 * @param bytesReceived encoded result bytes of a call
 */
public record Phase(long calls, WorkDistribution work, long bytesSent, long bytesReceived) {

  /** Validates the figures. */
  public Phase {
    Objects.requireNonNull(work, "work");
    if (calls <= 0 || bytesSent < 0 || bytesReceived < 0) {
      throw new IllegalArgumentException(
          "a phase needs calls > 0 and bytes >= 0: "
              + calls
              + ", "
              + bytesSent
              + ", "
              + bytesReceived);
    }
  }
}
