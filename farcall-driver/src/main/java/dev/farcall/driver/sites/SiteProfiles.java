package dev.farcall.driver.sites;

import dev.farcall.heuristics.adaptive.SiteCounters;
import dev.farcall.model.wire.RunStatistics;
import dev.farcall.model.wire.SiteStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntToDoubleFunction;

/**
 * Reads the profile of the run's sites, for the adaptive policy ({@link SiteCounters}) and for the
 * run's report ({@link RunStatistics}). A site's profile lives in two places: its {@link Site}
 * counts what the dispatcher saw (remote calls, fall-backs, bytes), the {@link SiteHooks} counters
 * what the rewritten code counted and timed at home without calling the dispatcher.
 */
final class SiteProfiles {

  private final Site[] sites;
  private final SiteHooks hooks;
  private final RemoteConnection connection;
  // the run's CPU share per site (from JFR samples), when the adaptive loop measures it
  private volatile IntToDoubleFunction cpuShares = site -> 0;

  SiteProfiles(Site[] sites, SiteHooks hooks, RemoteConnection connection) {
    this.sites = sites;
    this.hooks = hooks;
    this.connection = connection;
  }

  void cpuShares(IntToDoubleFunction shares) {
    this.cpuShares = shares;
  }

  SiteCounters counters(int site, long cpuSamples) {
    Site s = sites[site];
    return new SiteCounters(
        s.localCalls(hooks.localCalls()[site]),
        hooks.timedCalls()[site].sum(),
        hooks.timedNanos()[site].sum(),
        cpuSamples,
        s.remoteCalls.sum(),
        s.workNanos.sum(),
        s.roundTripNanos.sum(),
        s.bytesSent.sum(),
        s.bytesReceived.sum(),
        s.inFlight.get());
  }

  RunStatistics statistics() {
    List<SiteStatistics> out = new ArrayList<>(sites.length);
    boolean localComplete = true;
    long local = 0;
    long remote = 0;
    long retries = 0;
    long sent = 0;
    long received = 0;
    LongAdder[] counted = hooks.localCalls();
    for (int i = 0; i < sites.length; i++) {
      Site s = sites[i];
      SiteStatistics stats =
          s.statistics(
              i < counted.length ? counted[i] : null,
              hooks.timedNanos()[i],
              hooks.timedCalls()[i],
              cpuShares.applyAsDouble(i));
      out.add(stats);
      local += s.localCalls(i < counted.length ? counted[i] : null);
      localComplete &= stats.getLocalCalls() != null;
      remote += stats.getRemoteCalls();
      retries += stats.getRetries();
      sent += stats.getBytesSent();
      received += stats.getBytesReceived();
    }
    return RunStatistics.newBuilder()
        .setLocalCalls(local)
        .setLocalCallsComplete(localComplete)
        .setRemoteCalls(remote)
        .setRetries(retries)
        .setBytesSent(sent)
        .setBytesReceived(received)
        .setForeignReplies(connection.foreignReplies())
        .setSites(out)
        // set, not left to the schema's default: building a default record list needs Avro to
        // trust the wire package, which only WireFormat's first use arranges
        .setObjects(List.of())
        .build();
  }
}
