package dev.farcall.heuristics.adaptive;

/**
 * What the home JVM measured of a site's LOCAL calls, smoothed over recent rounds (see {@link
 * SiteProfileSmoother}).
 *
 * @param calls LOCAL calls completed since the run started (a counter)
 * @param callsPerSecond recent rate of LOCAL calls completing, per second
 * @param concurrency recent mean number of the site's LOCAL calls running at once: per round, the
 *     time spent in the calls that completed over the round's length (Little's law within one
 *     window)
 * @param timedSamples LOCAL calls timed since the run started (the driver times 1 in N calls, N
 *     adapted so timing stays under 1% of the site's cost); {@link #workNanos} means nothing while
 *     this is 0
 * @param workNanos recent mean wall-clock time of one LOCAL call from the timed calls, in ns; it
 *     includes the time the call lost to a saturated home (other runnable threads)
 * @param cpuShare recent share, within [0, 1], of the process's CPU samples (JFR {@code
 *     jdk.ExecutionSample}) whose stack holds this method: what the site burns, whether its calls
 *     completed or not
 */
public record LocalProfile(
    long calls,
    double callsPerSecond,
    double concurrency,
    long timedSamples,
    double workNanos,
    double cpuShare) {

  /** A site that has not run locally. */
  public static final LocalProfile NONE = new LocalProfile(0, 0, 0, 0, 0, 0);

  /** Validates that every figure is finite and not negative, and the share within [0, 1]. */
  public LocalProfile {
    Checks.nonNegative("calls", calls);
    Checks.nonNegative("callsPerSecond", callsPerSecond);
    Checks.nonNegative("concurrency", concurrency);
    Checks.nonNegative("timedSamples", timedSamples);
    Checks.nonNegative("workNanos", workNanos);
    Checks.share("cpuShare", cpuShare);
  }

  /** {@link #concurrency()}, at least 1: a site that runs at all runs one call at a time. */
  public double callsAtOnce() {
    return Math.max(1, concurrency);
  }
}
