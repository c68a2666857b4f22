package dev.farcall.heuristics.simulation;

import java.util.BitSet;

/**
 * The oracle's answer for one scenario.
 *
 * @param remote the sites its static assignment runs remotely
 * @param lowerBoundNanos a lower bound on the makespan of every static assignment of the trace, ns
 * @param assignmentBoundNanos the same bound for the chosen assignment (at least {@code
 *     lowerBoundNanos}), ns
 * @param allLocalBoundNanos the bound for all-local, ns, for comparison
 */
public record OracleResult(
    BitSet remote, double lowerBoundNanos, double assignmentBoundNanos, double allLocalBoundNanos) {

  /** Copies the set. */
  public OracleResult {
    remote = (BitSet) remote.clone();
  }

  @Override
  public BitSet remote() {
    return (BitSet) remote.clone();
  }

  /** The assignment as a strategy named {@code oracle}. */
  public Strategy.Fixed strategy() {
    return new Strategy.Fixed("oracle", remote);
  }
}
