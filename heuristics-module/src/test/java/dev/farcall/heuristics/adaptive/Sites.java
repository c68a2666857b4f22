package dev.farcall.heuristics.adaptive;

import java.util.ArrayList;
import java.util.List;

/** Builds sites and rounds for the policy tests: hand-made profiles with readable figures. */
final class Sites {
  static final long MS = 1_000_000L;
  static final long US = 1_000L;

  private Sites() {}

  /** A LOCAL profile: {@code samples} timed calls of {@code workNanos}, {@code atOnce} at once. */
  static LocalProfile local(long samples, double workNanos, double atOnce) {
    double rate = workNanos > 0 ? atOnce / workNanos * 1e9 : 0;
    return new LocalProfile(samples, rate, atOnce, samples, workNanos, 0);
  }

  /** A REMOTE profile: {@code calls} answered calls of the given work and round trip. */
  static RemoteProfile remote(long calls, double workNanos, double roundTripNanos, double atOnce) {
    double rate = roundTripNanos > 0 ? atOnce / roundTripNanos * 1e9 : 0;
    return new RemoteProfile(calls, rate, atOnce, workNanos, roundTripNanos, 256, 64, 0);
  }

  /** A heavy LOCAL site: 10 ms calls, 4 at once (on a home of 2 cores: 5 ms of work each). */
  static SiteProfile heavyLocal(int id, Movability movability) {
    return new SiteProfile(
        id,
        key(id),
        movability,
        SiteMode.LOCAL,
        0,
        local(100, 10 * MS, 4),
        RemoteProfile.NONE,
        false);
  }

  /** {@link #heavyLocal} that trials showed runs in 5 ms plus 800 µs remotely. */
  static SiteProfile heavyLocalMeasured(int id, Movability movability) {
    return new SiteProfile(
        id,
        key(id),
        movability,
        SiteMode.LOCAL,
        0,
        local(100, 10 * MS, 4),
        remote(4, 5 * MS, 5.8 * MS, 1),
        true);
  }

  /** A site REMOTE since {@code since}, measuring 5 ms of work in a round trip of {@code rt}. */
  static SiteProfile remoteSite(int id, long since, long calls, double roundTripNanos) {
    return new SiteProfile(
        id,
        key(id),
        Movability.MOVABLE,
        SiteMode.REMOTE,
        since,
        local(100, 10 * MS, 4),
        remote(calls, 5 * MS, roundTripNanos, 4),
        true);
  }

  /** A tiny LOCAL site: calls of 50 ns, 4 at once. */
  static SiteProfile tiny(int id) {
    return new SiteProfile(
        id,
        key(id),
        Movability.MOVABLE,
        SiteMode.LOCAL,
        0,
        local(10_000, 50, 4),
        RemoteProfile.NONE,
        false);
  }

  static String key(int id) {
    return "p.Site" + id + "#call()V";
  }

  /** Home of 2 cores with 4 runnable threads (saturated twice over). */
  static HomeLoad saturatedHome() {
    return new HomeLoad(2, 1.0, 4);
  }

  /** 4 workers of 2 slots, all free. */
  static ClusterCapacity freeCluster() {
    return new ClusterCapacity(4, 8, 8);
  }

  static PolicyRound round(long now, List<SiteProfile> sites) {
    return new PolicyRound(now, saturatedHome(), freeCluster(), sites);
  }

  /** The same sites with the modes of the flips applied (what a driver does between rounds). */
  static List<SiteProfile> applied(List<SiteProfile> sites, PolicyOutcome outcome, long now) {
    List<SiteProfile> next = new ArrayList<>(sites);
    for (SiteDecision d : outcome.decisions()) {
      if (d.applied()) {
        SiteProfile s = next.get(d.site());
        next.set(
            d.site(),
            new SiteProfile(
                s.id(),
                s.methodKey(),
                s.movability(),
                d.to(),
                now,
                s.local(),
                s.remote(),
                s.everMeasuredRemote()));
      }
    }
    return next;
  }
}
