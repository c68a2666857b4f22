package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.Movability;
import dev.farcall.heuristics.adaptive.SiteMode;
import java.util.List;
import java.util.Objects;

/**
 * One call site of a simulated program: from {@code startNanos} on, {@code threads} caller threads
 * share its calls; each thread makes one call at a time, then spends {@code thinkNanos} of CPU at
 * home and {@code idleNanos} waiting off-CPU (I/O, a lock) before its next call.
 *
 * @param methodKey the site's name
 * @param movability whether a strategy may send it remote
 * @param threads its caller threads (&gt; 0)
 * @param phases its calls, in order
 * @param thinkNanos CPU at home between two calls of one thread, ns
 * @param idleNanos off-CPU wait between two calls of one thread, ns
 * @param startNanos when its threads make their first call, ns from the program's start
 */
public record SimulatedSite(
    String methodKey,
    Movability movability,
    int threads,
    List<Phase> phases,
    long thinkNanos,
    long idleNanos,
    long startNanos) {

  /** Validates the figures and copies the phases. */
  public SimulatedSite {
    Objects.requireNonNull(methodKey, "methodKey");
    Objects.requireNonNull(movability, "movability");
    phases = List.copyOf(phases);
    if (threads <= 0 || phases.isEmpty() || thinkNanos < 0 || idleNanos < 0 || startNanos < 0) {
      throw new IllegalArgumentException(
          "site " + methodKey + " needs threads > 0, phases, and think, idle and start >= 0");
    }
  }

  /** A movable site with one phase, no think and no idle time, starting with the program. */
  public static SimulatedSite movable(String methodKey, int threads, Phase phase) {
    return new SimulatedSite(methodKey, Movability.MOVABLE, threads, List.of(phase), 0, 0, 0);
  }

  /** The same site starting at {@code nanos}. */
  public SimulatedSite startingAt(long nanos) {
    return new SimulatedSite(methodKey, movability, threads, phases, thinkNanos, idleNanos, nanos);
  }

  /** All its calls. */
  public long totalCalls() {
    long total = 0;
    for (Phase phase : phases) {
      total += phase.calls();
    }
    return total;
  }

  /** Whether a strategy may place it remote. */
  public boolean mayMove() {
    return movability == Movability.MOVABLE;
  }

  /** The mode every strategy starts it in. */
  public SiteMode initialMode() {
    return SiteMode.LOCAL;
  }
}
