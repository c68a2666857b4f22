package dev.farcall.heuristics.adaptive;

/**
 * What was measured of a site's REMOTE calls (trial calls included), smoothed over recent rounds
 * (see {@link SiteProfileSmoother}). Figures keep their last value while the site runs LOCAL.
 *
 * @param calls remote calls answered since the run started (a counter)
 * @param callsPerSecond recent rate of remote calls answered, per second
 * @param concurrency recent mean number of the site's remote calls in flight: per round, the round
 *     trips of the calls answered over the round's length
 * @param workNanos recent mean work of one call as the worker measured it (carried in the reply),
 *     in ns
 * @param roundTripNanos recent mean time from handing a call to the dispatcher at home to its reply
 *     being decoded at home, in ns; the work is included
 * @param bytesSentPerCall recent mean encoded argument bytes of one call
 * @param bytesReceivedPerCall recent mean encoded result bytes of one call
 * @param inFlight calls of this site sent and not yet answered, now
 */
public record RemoteProfile(
    long calls,
    double callsPerSecond,
    double concurrency,
    double workNanos,
    double roundTripNanos,
    double bytesSentPerCall,
    double bytesReceivedPerCall,
    int inFlight) {

  /** A site that has never run remotely. */
  public static final RemoteProfile NONE = new RemoteProfile(0, 0, 0, 0, 0, 0, 0, 0);

  /** Validates that every figure is finite and not negative. */
  public RemoteProfile {
    Checks.nonNegative("calls", calls);
    Checks.nonNegative("callsPerSecond", callsPerSecond);
    Checks.nonNegative("concurrency", concurrency);
    Checks.nonNegative("workNanos", workNanos);
    Checks.nonNegative("roundTripNanos", roundTripNanos);
    Checks.nonNegative("bytesSentPerCall", bytesSentPerCall);
    Checks.nonNegative("bytesReceivedPerCall", bytesReceivedPerCall);
    Checks.nonNegative("inFlight", inFlight);
  }

  /** What one call costs beyond its work: the round trip less the work, never negative, in ns. */
  public double overheadNanos() {
    return Math.max(0, roundTripNanos - workNanos);
  }

  /** {@link #concurrency()}, at least 1. */
  public double callsAtOnce() {
    return Math.max(1, concurrency);
  }
}
