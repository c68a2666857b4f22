package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.SiteCounters;

/** The cumulative counters of every site, as a driver keeps them on the call path. */
final class SiteTally {
  final long[] localCalls;
  final long[] localNanos;
  final double[] cpuNanos;
  final long[] remoteCalls;
  final long[] remoteWorkNanos;
  final long[] remoteRoundTripNanos;
  final long[] bytesSent;
  final long[] bytesReceived;
  final int[] inFlight;

  SiteTally(int sites) {
    localCalls = new long[sites];
    localNanos = new long[sites];
    cpuNanos = new double[sites];
    remoteCalls = new long[sites];
    remoteWorkNanos = new long[sites];
    remoteRoundTripNanos = new long[sites];
    bytesSent = new long[sites];
    bytesReceived = new long[sites];
    inFlight = new int[sites];
  }

  /** The site's counters now; every LOCAL call is timed (the simulator's timing costs nothing). */
  SiteCounters counters(int site) {
    return new SiteCounters(
        localCalls[site],
        localCalls[site],
        localNanos[site],
        (long) cpuNanos[site],
        remoteCalls[site],
        remoteWorkNanos[site],
        remoteRoundTripNanos[site],
        bytesSent[site],
        bytesReceived[site],
        inFlight[site]);
  }
}
