package dev.farcall.coordinator.profile;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What runs of a program measured of one of its dispatchable methods, and where the last run's
 * adaptive policy left it.
 *
 * @param methodKey {@code pkg.Class#name(desc)}
 * @param localWorkNanos mean work of a timed call at home, ns, if any was timed
 * @param localTimedCalls calls timed at home in the run that measured {@code localWorkNanos}
 * @param remoteWorkNanos mean work of a call on a worker (the worker's own measure), ns
 * @param roundTripNanos mean round trip of a remote call measured at home, ns
 * @param remoteCalls remote calls answered in the run that measured the remote figures
 * @param meanBytes mean encoded argument plus result bytes of a remote call
 * @param learnedDecision LOCAL or REMOTE: where the adaptive policy held the method when the run
 *     ended; empty when no policy drove the run, or it was in shadow mode
 * @param learnedReason why the policy last put it there, if it flipped it
 * @param runId the run that last updated the profile
 * @param updatedAt when
 */
public record SiteProfile(
    String methodKey,
    OptionalDouble localWorkNanos,
    long localTimedCalls,
    OptionalDouble remoteWorkNanos,
    OptionalDouble roundTripNanos,
    long remoteCalls,
    OptionalDouble meanBytes,
    Optional<String> learnedDecision,
    Optional<String> learnedReason,
    String runId,
    Instant updatedAt) {

  /**
   * The best measure of a call's work: at home when timed there (the program's JIT is warm), else
   * on the workers.
   */
  public OptionalDouble workNanos() {
    return localWorkNanos.isPresent() ? localWorkNanos : remoteWorkNanos;
  }

  /** This profile with the figures {@code newer} measured replacing these. */
  SiteProfile updatedBy(SiteProfile newer) {
    boolean local = newer.localWorkNanos.isPresent();
    boolean remote = newer.remoteWorkNanos.isPresent();
    return new SiteProfile(
        methodKey,
        local ? newer.localWorkNanos : localWorkNanos,
        local ? newer.localTimedCalls : localTimedCalls,
        remote ? newer.remoteWorkNanos : remoteWorkNanos,
        remote ? newer.roundTripNanos : roundTripNanos,
        remote ? newer.remoteCalls : remoteCalls,
        remote ? newer.meanBytes : meanBytes,
        newer.learnedDecision.isPresent() ? newer.learnedDecision : learnedDecision,
        newer.learnedDecision.isPresent() ? newer.learnedReason : learnedReason,
        newer.runId,
        newer.updatedAt);
  }
}
