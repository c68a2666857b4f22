package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.adaptive.SiteProfileSmoother;
import dev.farcall.heuristics.placement.Tunables;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/** Where a simulated run places its calls. */
public sealed interface Strategy permits Strategy.Fixed, Strategy.Adaptive {

  /** The round cadence of an adaptive policy, as in the driver: 100 ms. */
  long DEFAULT_CADENCE_NANOS = 100_000_000L;

  /** A name for reports, e.g. {@code all-local}. */
  String name();

  /**
   * The same sites REMOTE for the whole run.
   *
   * @param name for reports
   * @param remote the sites (by index) that run remotely; only movable ones may be set
   */
  record Fixed(String name, BitSet remote) implements Strategy {
    /** Copies the set. */
    public Fixed {
      Objects.requireNonNull(name, "name");
      remote = (BitSet) remote.clone();
    }

    @Override
    public BitSet remote() {
      return (BitSet) remote.clone();
    }
  }

  /**
   * An adaptive policy deciding every {@code cadenceNanos} of simulated time, every site starting
   * LOCAL.
   *
   * @param name for reports
   * @param policy the policy, the same code the driver runs
   * @param tunables its tunables
   * @param cadenceNanos simulated time between rounds
   * @param halfLifeNanos the profiles' smoothing half-life
   */
  record Adaptive(
      String name, AdaptivePolicy policy, Tunables tunables, long cadenceNanos, long halfLifeNanos)
      implements Strategy {
    /** Validates the times. */
    public Adaptive {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(tunables, "tunables");
      if (cadenceNanos <= 0 || halfLifeNanos <= 0) {
        throw new IllegalArgumentException("cadence and half-life must be > 0");
      }
    }
  }

  /** Every site LOCAL. */
  static Fixed allLocal() {
    return new Fixed("all-local", new BitSet());
  }

  /** Every movable site REMOTE. */
  static Fixed allRemote(Scenario scenario) {
    BitSet remote = new BitSet();
    List<SimulatedSite> sites = scenario.sites();
    for (int s = 0; s < sites.size(); s++) {
      if (sites.get(s).mayMove()) {
        remote.set(s);
      }
    }
    return new Fixed("all-remote", remote);
  }

  /** The policy with the given tunables, at the driver's cadence and smoothing. */
  static Adaptive adaptive(String name, AdaptivePolicy policy, Tunables tunables) {
    return new Adaptive(
        name, policy, tunables, DEFAULT_CADENCE_NANOS, SiteProfileSmoother.DEFAULT_HALF_LIFE_NANOS);
  }

  /** The policy with its default tunables. */
  static Adaptive adaptive(AdaptivePolicy policy) {
    return adaptive(policy.name(), policy, Tunables.defaults(policy.parameters()));
  }
}
