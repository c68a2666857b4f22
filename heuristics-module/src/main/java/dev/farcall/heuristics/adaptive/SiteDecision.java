package dev.farcall.heuristics.adaptive;

import java.util.Objects;

/**
 * One flip of a site, the event {@code {site, from, to, at, reason, ...}} a run publishes.
 *
 * @param site the site's id
 * @param methodKey the site's method
 * @param from the mode it leaves
 * @param to the mode it enters (never {@code from})
 * @param atNanos when, on the round's clock
 * @param cause why, as a category
 * @param reason why, for people, with the figures, e.g. {@code "remote 730.0 µs (overhead 420.0 µs
 *     + work 310.0 µs) × margin 1.5 < home 1.2 ms ..."}
 * @param figures the figures as fields
 * @param applied false in shadow mode: the decision is recorded, the driver changes nothing
 */
public record SiteDecision(
    int site,
    String methodKey,
    SiteMode from,
    SiteMode to,
    long atNanos,
    DecisionCause cause,
    String reason,
    DecisionFigures figures,
    boolean applied) {

  /** Checks that it flips and says why. */
  public SiteDecision {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(figures, "figures");
    if (from == to) {
      throw new IllegalArgumentException("a decision flips: " + from + " to " + to);
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("decision for " + methodKey + " needs a reason");
    }
  }
}
