package dev.farcall.driver.objects;

import dev.farcall.dispatch.objects.ObjectInfo;
import dev.farcall.dispatch.objects.RemoteObjects;
import dev.farcall.driver.sites.RemoteConnection;
import dev.farcall.model.wire.RunObjectStatus;
import java.util.Comparator;
import java.util.List;

/**
 * What the run's stats say of its remote objects, so that the coordinator can list them beside the
 * ones made over REST ({@code GET /objects}): each object's worker, state, calls, restarts and last
 * loss, as its handle knows them. Bounded, so that a run with many objects keeps its stats events
 * small.
 */
public final class ObjectStatuses {

  /** At most this many objects are reported, by id. */
  public static final int MAX_REPORTED = 1_000;

  private ObjectStatuses() {}

  /** The run's objects now; none while the connection is not open (it is not opened for this). */
  public static List<RunObjectStatus> of(RemoteConnection connection) {
    return connection.openObjects().map(ObjectStatuses::of).orElse(List.of());
  }

  static List<RunObjectStatus> of(RemoteObjects objects) {
    return objects.all().stream()
        .map(o -> o.info())
        .sorted(Comparator.comparing(ObjectInfo::objectId))
        .limit(MAX_REPORTED)
        .map(ObjectStatuses::status)
        .toList();
  }

  private static RunObjectStatus status(ObjectInfo info) {
    return RunObjectStatus.newBuilder()
        .setObjectId(info.objectId())
        .setClassName(info.className())
        .setWorkerId(info.workerId())
        .setState(info.state())
        .setCalls(info.calls())
        .setRestarts(info.restarts())
        .setLastFailure(info.lastFailure().orElse(null))
        .build();
  }
}
