package dev.farcall.heuristics.adaptive;

/**
 * Cumulative counters of one site since the run started, as a driver keeps them on the call path
 * (e.g. {@code LongAdder}s, cheap to add to from any thread) and reads once per round. All are
 * monotonic except {@code remoteInFlight}.
 *
 * @param localCalls LOCAL calls completed
 * @param localTimedCalls LOCAL calls timed (1 in N)
 * @param localTimedNanos wall-clock ns of the timed LOCAL calls, summed
 * @param cpuSamples the process's CPU samples (JFR {@code jdk.ExecutionSample}) whose stack holds
 *     the site's method
 * @param remoteCalls remote calls answered
 * @param remoteWorkNanos worker-measured work of the answered calls, summed, ns
 * @param remoteRoundTripNanos round trips of the answered calls measured at home, summed, ns
 * @param remoteBytesSent encoded argument bytes of the answered calls, summed
 * @param remoteBytesReceived encoded result bytes of the answered calls, summed
 * @param remoteInFlight calls sent and not answered yet, now
 */
public record SiteCounters(
    long localCalls,
    long localTimedCalls,
    long localTimedNanos,
    long cpuSamples,
    long remoteCalls,
    long remoteWorkNanos,
    long remoteRoundTripNanos,
    long remoteBytesSent,
    long remoteBytesReceived,
    int remoteInFlight) {

  /** Nothing counted yet. */
  public static final SiteCounters ZERO = new SiteCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
