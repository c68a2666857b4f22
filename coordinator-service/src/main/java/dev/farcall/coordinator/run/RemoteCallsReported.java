package dev.farcall.coordinator.run;

import dev.farcall.model.wire.MethodRef;
import dev.farcall.model.wire.RemoteCallRecord;
import dev.farcall.model.wire.RemoteCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote calls a run's driver reported as completed, published once per report for the run's
 * timeline.
 *
 * @param runId the run
 * @param calls the calls of this report, in the order they completed
 * @param dropped calls of the run the driver did not record so far (over its caps), cumulative
 */
public record RemoteCallsReported(String runId, List<Call> calls, long dropped) {

  /** Outcome of a call that returned a value. */
  public static final int RETURNED = 0;

  /** Outcome of a call whose method threw on the worker. */
  public static final int THREW = 1;

  /** Outcome of a call no worker answered or could invoke: it ran at home. */
  public static final int FAILED = 2;

  /**
   * One completed remote call.
   *
   * @param site the method, {@code pkg.Class#name(descriptor)}
   * @param workerId the worker that answered, "" when none did
   * @param start when it was sent
   * @param durationMicros its round trip
   * @param workMicros its time in the method on the worker
   * @param outcome {@link #RETURNED}, {@link #THREW} or {@link #FAILED}
   */
  public record Call(
      String site,
      String workerId,
      Instant start,
      long durationMicros,
      long workMicros,
      int outcome) {}

  static RemoteCallsReported of(String runId, RemoteCalls wire) {
    List<String> sites = new ArrayList<>(wire.getSites().size());
    for (MethodRef m : wire.getSites()) {
      sites.add(m.getOwnerClass() + "#" + m.getName() + m.getDescriptor());
    }
    List<Call> calls = new ArrayList<>(wire.getCalls().size());
    for (RemoteCallRecord r : wire.getCalls()) {
      if (r.getSite() < 0 || r.getSite() >= sites.size()) {
        continue; // a malformed record names no method: nothing to draw
      }
      long micros = r.getStartEpochMicros();
      calls.add(
          new Call(
              sites.get(r.getSite()),
              r.getWorkerId(),
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
              Math.max(0, r.getDurationMicros()),
              Math.max(0, r.getWorkMicros()),
              switch (r.getOutcome()) {
                case RETURNED -> RETURNED;
                case THREW -> THREW;
                case FAILED -> FAILED;
              }));
    }
    return new RemoteCallsReported(runId, List.copyOf(calls), Math.max(0, wire.getDropped()));
  }
}
