package dev.farcall.coordinator.run;

import dev.farcall.coordinator.profile.ProgramProfiles.SiteMeasurement;
import dev.farcall.coordinator.profile.RunMeasuredEvent;
import dev.farcall.coordinator.run.driver.PolicySpec;
import dev.farcall.heuristics.adaptive.PolicyLimits;
import dev.farcall.heuristics.placement.MethodNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a run that ended teaches about its program: per site, the measured work at home and on the
 * workers, the round trip and bytes, and where the adaptive policy left the site (only when a
 * policy drove the run and applied its decisions).
 */
final class RunLearning {

  private RunLearning() {}

  static RunMeasuredEvent of(ActiveRun run, RunStats stats) {
    boolean policyDrove = run.policy.map(RunLearning::applies).orElse(false);
    List<SiteMeasurement> sites = new ArrayList<>();
    for (RunStats.Site s : stats.sites()) {
      sites.add(measurement(s, policyDrove));
    }
    return new RunMeasuredEvent(run.program.id(), run.program.sha256(), run.id, sites);
  }

  private static boolean applies(PolicySpec policy) {
    return !Boolean.parseBoolean(policy.tunables().getOrDefault(PolicyLimits.SHADOW, "false"));
  }

  private static SiteMeasurement measurement(RunStats.Site s, boolean policyDrove) {
    boolean remote = s.remoteCalls() > 0;
    boolean called = s.remoteCalls() > 0 || (s.localCalls() != null && s.localCalls() > 0);
    Optional<String> lastFlip =
        s.decisions().stream()
            .filter(d -> d.applied() && d.isFlip())
            .reduce((a, b) -> b)
            .map(RunDecision::reason);
    return new SiteMeasurement(
        MethodNode.keyOf(s.className(), s.methodName(), s.descriptor()),
        s.timedLocalCalls() > 0
            ? OptionalDouble.of(s.meanLocalWorkMicros() * 1000)
            : OptionalDouble.empty(),
        s.timedLocalCalls(),
        remote ? OptionalDouble.of(s.meanWorkMicros() * 1000) : OptionalDouble.empty(),
        remote
            ? OptionalDouble.of((s.meanWorkMicros() + s.meanOverheadMicros()) * 1000)
            : OptionalDouble.empty(),
        s.remoteCalls(),
        remote
            ? OptionalDouble.of((double) (s.bytesSent() + s.bytesReceived()) / s.remoteCalls())
            : OptionalDouble.empty(),
        policyDrove && called ? Optional.of(s.decision().name()) : Optional.empty(),
        policyDrove && called ? lastFlip : Optional.empty());
  }
}
