package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.SiteDecision;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one simulated run did.
 *
 * @param strategy the strategy's name
 * @param makespanNanos when the last call of the program completed, ns from the start
 * @param localCalls calls that ran at home
 * @param remoteCalls calls that ran on workers (trial calls included)
 * @param trialCalls calls sent remote on trial
 * @param rounds policy rounds (0 for a fixed strategy)
 * @param flips the policy's flips, applied or not
 * @param decisions the first {@link #MAX_DECISIONS_KEPT} flips, in order
 * @param policyCpuNanos thread CPU time of each round's {@code decide}, ns (empty for a fixed
 *     strategy)
 * @param phaseStartNanos per site, when each phase's first call started ({@code -1} if never)
 * @param events simulation events processed
 */
public record SimulationResult(
    String strategy,
    long makespanNanos,
    long localCalls,
    long remoteCalls,
    long trialCalls,
    long rounds,
    long flips,
    List<SiteDecision> decisions,
    long[] policyCpuNanos,
    long[][] phaseStartNanos,
    long events) {

  /** At most this many decisions are kept in a result. */
  public static final int MAX_DECISIONS_KEPT = 10_000;

  /** Copies the lists. */
  public SimulationResult {
    decisions = List.copyOf(decisions);
  }

  /** When the site's phase started, if it did. */
  public OptionalLong phaseStart(int site, int phase) {
    long at = phaseStartNanos[site][phase];
    return at < 0 ? OptionalLong.empty() : OptionalLong.of(at);
  }

  /** The decisions of one site, in order. */
  public List<SiteDecision> decisionsOf(int site) {
    return decisions.stream().filter(d -> d.site() == site).toList();
  }

  /** The median of {@link #policyCpuNanos()}, 0 when there were no rounds. */
  public long medianPolicyCpuNanos() {
    if (policyCpuNanos.length == 0) {
      return 0;
    }
    long[] sorted = policyCpuNanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @Override
  public String toString() {
    return strategy
        + ": makespan "
        + makespanNanos / 1_000_000
        + " ms, "
        + localCalls
        + " local and "
        + remoteCalls
        + " remote calls, "
        + flips
        + " flips in "
        + rounds
        + " rounds";
  }
}
