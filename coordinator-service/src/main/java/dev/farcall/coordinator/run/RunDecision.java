package dev.farcall.coordinator.run;

import dev.farcall.coordinator.run.driver.Decision;
import dev.farcall.model.wire.SiteDecision;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flip of a site by the run's adaptive policy, or a trial of a few remote calls, with the figures
 * behind it, as the REST API shows it ({@code GET /runs/{id}/decisions}, {@code
 * stats.sites[].decisions}).
 *
 * @param site the method whose calls moved
 * @param from where they ran ({@code LOCAL} or {@code REMOTE})
 * @param to where they run since
 * @param at when the policy decided
 * @param reason why, with the figures, for people
 * @param applied false in shadow mode: recorded, not applied
 * @param figures the figures as numbers (durations in ns)
 * @param trialCalls for a trial, the calls sent remotely while the site stayed LOCAL; 0 for a flip
 */
public record RunDecision(
    Method site,
    String from,
    String to,
    Instant at,
    String reason,
    boolean applied,
    Map<String, Double> figures,
    int trialCalls) {

  /** A method as the JVM names it. */
  public record Method(String className, String methodName, String descriptor) {}

  static RunDecision of(SiteDecision d) {
    return new RunDecision(
        new Method(
            d.getMethod().getOwnerClass(), d.getMethod().getName(), d.getMethod().getDescriptor()),
        d.getFrom(),
        d.getTo(),
        Instant.ofEpochMilli(d.getAtEpochMillis()),
        d.getReason(),
        d.getApplied(),
        new TreeMap<>(d.getFigures()),
        d.getTrialCalls());
  }

  /** Whether the site flipped (rather than only tried a few calls remotely). */
  boolean isFlip() {
    return trialCalls == 0;
  }

  /** The flip as the rest of the coordinator hears of it (the dashboard's event stream). */
  SiteDecisionEvent asEvent(String runId) {
    return new SiteDecisionEvent(
        runId,
        new SiteDecisionEvent.Site(site.className(), site.methodName(), site.descriptor()),
        Decision.valueOf(from),
        Decision.valueOf(to),
        at,
        reason);
  }

  /** Whether this decision is about the method of a site's stats. */
  boolean concerns(RunStats.Site s) {
    return site.className().equals(s.className())
        && site.methodName().equals(s.methodName())
        && site.descriptor().equals(s.descriptor());
  }
}
