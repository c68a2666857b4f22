package dev.farcall.coordinator.run;

import java.time.Instant;

/**
 * Published when a live run flips a site (a dispatchable method) between LOCAL and REMOTE, by an
 * explicit request today and by the adaptive policy later. Listeners must be quick and must not
 * throw.
 *
 * @param runId the run
 * @param site the method whose calls now run elsewhere
 * @param from the decision before
 * @param to the decision now
 * @param at when it flipped
 * @param reason why, for people
 */
public record SiteDecisionEvent(
    String runId, MethodKey site, Decision from, Decision to, Instant at, String reason) {}
