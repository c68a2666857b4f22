package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.Decision;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.SiteStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run's dispatchable call sites did, summed over the run and per site (a site is a
 * dispatchable method: all its call sites in the program share one decision and one profile).
 *
 * @param localCalls calls run at home that were counted (see {@link Site#localCalls})
 * @param localCallsComplete whether every site counted its local calls, so that {@code localCalls}
 *     is the exact total rather than a lower bound
 * @param foreignReplies replies that reached the run's own reply topic but answered no call of it
 *     (a resent call answered twice); another run's reply never arrives there
 */
public record RunStats(
    long localCalls,
    boolean localCallsComplete,
    long remoteCalls,
    long retries,
    long bytesSent,
    long bytesReceived,
    long foreignReplies,
    List<Site> sites) {

  public RunStats {
    sites = List.copyOf(sites);
  }

  /** A run that dispatched nothing. */
  public static RunStats empty() {
    return new RunStats(0, true, 0, 0, 0, 0, 0, List.of());
  }

  /** The stats a driver reported. */
  static RunStats of(RunStatistics reported) {
    List<Site> sites = new ArrayList<>(reported.getSites().size());
    for (SiteStatistics s : reported.getSites()) {
      sites.add(
          new Site(
              s.getMethod().getOwnerClass(),
              s.getMethod().getName(),
              s.getMethod().getDescriptor(),
              s.getRemote() ? Decision.REMOTE : Decision.LOCAL,
              s.getLocalCalls(),
              s.getRemoteCalls(),
              s.getFallbacks(),
              s.getMeanWorkMicros(),
              s.getMeanOverheadMicros(),
              s.getBytesSent(),
              s.getBytesReceived(),
              s.getRetries()));
    }
    return new RunStats(
        reported.getLocalCalls(),
        reported.getLocalCallsComplete(),
        reported.getRemoteCalls(),
        reported.getRetries(),
        reported.getBytesSent(),
        reported.getBytesReceived(),
        reported.getForeignReplies(),
        sites);
  }

  /**
   * One site's profile.
   *
   * @param decision the decision at the end of the run (LOCAL or REMOTE)
   * @param localCalls calls run at home, including fall-backs; {@code null} when they were not
   *     counted: a LOCAL site whose estimated work per call is so small that counting would cost a
   *     noticeable share of it runs uncounted (see {@code farcall.run.count-local-calls-min-work})
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
      Long localCalls,
      long remoteCalls,
      long fallbacks,
      double meanWorkMicros,
      double meanOverheadMicros,
      long bytesSent,
      long bytesReceived,
      long retries) {}
}
