package dev.farcall.driver.sites;

import dev.farcall.driver.report.RemoteCallLog;
import dev.farcall.model.MethodId;
import dev.farcall.model.wire.RemoteCallOutcome;
import java.util.Map;

/**
 * Where the remote path records its calls for the run's timeline, each under the id the timeline
 * names its site by. Records nothing until the run sets a {@link RemoteCallLog}.
 */
final class CallTimeline {

  private final Map<MethodId, Integer> ids;
  private volatile RemoteCallLog callLog;

  /**
   * @param ids the site id of each method, complete before this is made: read, never written
   */
  CallTimeline(Map<MethodId, Integer> ids) {
    this.ids = ids;
  }

  void recordCallsTo(RemoteCallLog log) {
    this.callLog = log;
  }

  // only remote calls come here: the LOCAL path never pays for the timeline
  void record(
      Site site, String workerId, long startedNanos, long workMicros, RemoteCallOutcome outcome) {
    RemoteCallLog log = callLog;
    if (log != null) {
      log.recordSince(ids.get(site.key), workerId, startedNanos, workMicros, outcome);
    }
  }
}
