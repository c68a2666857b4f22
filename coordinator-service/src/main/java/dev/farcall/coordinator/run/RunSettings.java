package dev.farcall.coordinator.run;

import java.time.Duration;

/**
 * How the driver executes runs.
 *
 * @param outputCapBytes cap of each of a run's stdout and stderr; more is dropped after a marker
 * @param callTimeout how long a remote call may take before it runs at home instead
 * @param countLocalCalls whether LOCAL sites count their calls (one striped counter increment per
 *     call); a site that does not costs nothing over a direct call once compiled
 * @param countLocalCallsMinWork LOCAL sites whose estimated work per call is below this do not
 *     count their calls, so counting never costs more than a small share of a call (a counter
 *     increment is some nanoseconds); zero counts every site
 * @param stopGrace how long the threads of an ended run get to finish after being interrupted
 *     before they are stopped
 */
public record RunSettings(
    int outputCapBytes,
    Duration callTimeout,
    boolean countLocalCalls,
    Duration countLocalCallsMinWork,
    Duration stopGrace) {

  /** Defaults used by tests and as the properties' defaults. */
  public static RunSettings defaults() {
    return new RunSettings(
        1 << 20, Duration.ofSeconds(30), true, Duration.ofNanos(1_000), Duration.ofMillis(500));
  }

  public RunSettings withCallTimeout(Duration timeout) {
    return new RunSettings(
        outputCapBytes, timeout, countLocalCalls, countLocalCallsMinWork, stopGrace);
  }

  public RunSettings withOutputCap(int bytes) {
    return new RunSettings(bytes, callTimeout, countLocalCalls, countLocalCallsMinWork, stopGrace);
  }

  /** Counting of local calls: on for all sites, or off for every site. */
  public RunSettings withLocalCallsCounted(boolean counted) {
    return new RunSettings(outputCapBytes, callTimeout, counted, Duration.ZERO, stopGrace);
  }

  /**
   * Whether a site counts its calls while it is LOCAL: when counting is on and the method's
   * estimated work per call is unknown or at least {@link #countLocalCallsMinWork}.
   */
  public boolean countsLocalCalls(RunPlan.PlannedMethod method) {
    double work = method.estimatedWorkNanos();
    return countLocalCalls && (Double.isNaN(work) || work >= countLocalCallsMinWork.toNanos());
  }
}
