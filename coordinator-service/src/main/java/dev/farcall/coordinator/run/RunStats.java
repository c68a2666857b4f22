package dev.farcall.coordinator.run;

import java.util.List;

/**
 * What a run's dispatchable call sites did, summed over the run and per site (a site is a
 * dispatchable method: all its call sites in the program share one decision and one profile).
 */
public record RunStats(
    long localCalls,
    long remoteCalls,
    long retries,
    long bytesSent,
    long bytesReceived,
    List<Site> sites) {

  public RunStats {
    sites = List.copyOf(sites);
  }

  /** A run that dispatched nothing. */
  public static RunStats empty() {
    return new RunStats(0, 0, 0, 0, 0, List.of());
  }

  /**
   * One site's profile.
   *
   * @param decision the decision at the end of the run (LOCAL or REMOTE)
   * @param localCalls calls run at home, including fall-backs (counted only when the run counts
   *     local calls)
   * @param remoteCalls calls answered by a worker (returned or threw)
   * @param fallbacks remote attempts that ended at home (no worker in time, a value that could not
   *     be encoded, an invocation error)
   * @param meanWorkMicros mean time inside the method on the worker, over remote calls
   * @param meanOverheadMicros mean round trip minus work, over remote calls
   * @param retries resends by the dispatch layer
   */
  public record Site(
      String className,
      String methodName,
      String descriptor,
      Decision decision,
      long localCalls,
      long remoteCalls,
      long fallbacks,
      double meanWorkMicros,
      double meanOverheadMicros,
      long bytesSent,
      long bytesReceived,
      long retries) {}
}
