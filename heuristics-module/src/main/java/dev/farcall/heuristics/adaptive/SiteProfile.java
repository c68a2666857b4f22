package dev.farcall.heuristics.adaptive;

import java.util.Objects;

/**
 * One call site (a method whose calls made from home may be dispatched) as a round sees it.
 *
 * @param id the site's index in {@link PolicyRound#sites()}: dense from 0, stable for the run (a
 *     site seen later gets the next index)
 * @param methodKey the method, {@code pkg.Class#name(descriptor)}
 * @param movability whether the policy may change its mode
 * @param mode where its calls run now (for a PINNED or NOT_MOVABLE site: LOCAL)
 * @param modeSinceNanos when it entered {@code mode}, on the round's clock ({@link
 *     PolicyRound#nowNanos()}); the run's start for the plan's initial mode
 * @param local what its LOCAL calls measured
 * @param remote what its REMOTE calls measured
 * @param everMeasuredRemote whether remote figures of it exist, from this run (trial calls
 *     included) or from a previous run's persisted profile
 */
public record SiteProfile(
    int id,
    String methodKey,
    Movability movability,
    SiteMode mode,
    long modeSinceNanos,
    LocalProfile local,
    RemoteProfile remote,
    boolean everMeasuredRemote) {

  /** Validates that nothing is missing and the id is not negative. */
  public SiteProfile {
    if (id < 0) {
      throw new IllegalArgumentException("site id must be >= 0, was " + id);
    }
    Objects.requireNonNull(methodKey, "methodKey");
    Objects.requireNonNull(movability, "movability");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }
}
