package dev.farcall.coordinator.run;

import java.time.Duration;

/**
 * How the driver executes runs.
 *
 * @param outputCapBytes cap of each of a run's stdout and stderr; more is dropped after a marker
 * @param callTimeout how long a remote call may take before it runs at home instead
 * @param countLocalCalls whether rewritten call sites count local calls (one striped counter
 *     increment per call); without it the local path is a table read and a branch only
 * @param stopGrace how long the threads of an ended run get to finish after being interrupted
 *     before they are stopped
 */
public record RunSettings(
    int outputCapBytes, Duration callTimeout, boolean countLocalCalls, Duration stopGrace) {

  /** Defaults used by tests and as the properties' defaults. */
  public static RunSettings defaults() {
    return new RunSettings(1 << 20, Duration.ofSeconds(30), true, Duration.ofMillis(500));
  }

  public RunSettings withCallTimeout(Duration timeout) {
    return new RunSettings(outputCapBytes, timeout, countLocalCalls, stopGrace);
  }

  public RunSettings withOutputCap(int bytes) {
    return new RunSettings(bytes, callTimeout, countLocalCalls, stopGrace);
  }
}
