package dev.farcall.benchmarks.adaptive;

import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.heuristics.adaptive.HomeLoad;
import dev.farcall.heuristics.adaptive.LocalProfile;
import dev.farcall.heuristics.adaptive.Movability;
import dev.farcall.heuristics.adaptive.PolicyOutcome;
import dev.farcall.heuristics.adaptive.PolicyRound;
import dev.farcall.heuristics.adaptive.PolicyState;
import dev.farcall.heuristics.adaptive.RemoteProfile;
import dev.farcall.heuristics.adaptive.SiteDecision;
import dev.farcall.heuristics.adaptive.SiteMode;
import dev.farcall.heuristics.adaptive.SiteProfile;
import dev.farcall.heuristics.placement.Tunables;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rounds of a large program for the policy benchmark, with the state a run would have reached.
 *
 * <ul>
 *   <li><b>steady</b>: the mix of the simulator's 10,000-site workload as a running program shows
 *       it (85% fine-grained LOCAL sites, 6% medium LOCAL, 4% heavy REMOTE measured, 3% recently
 *       flipped, 2% pinned or fixed) after 60 rounds of the policy, so what is left is the everyday
 *       round: almost every site judged, almost none flipping;
 *   <li><b>turbulent</b>: every movable site measured heavy at home and cheap remotely, from a
 *       fresh state: every one is a candidate, the cap accepts 100, the rest are sorted out.
 * </ul>
 */
final class PolicyRounds {
  static final long ROUND = 100_000_000L;

  final PolicyRound round;
  final PolicyState state;

  private PolicyRounds(PolicyRound round, PolicyState state) {
    this.round = round;
    this.state = state;
  }

  static PolicyRounds of(String scenario, int sites, AdaptivePolicy policy, Tunables tunables) {
    return switch (scenario) {
      case "steady" -> steady(sites, policy, tunables);
      case "turbulent" -> turbulent(sites);
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    };
  }

  private static PolicyRounds steady(int n, AdaptivePolicy policy, Tunables tunables) {
    SplittableRandom random = new SplittableRandom(42);
    List<SiteProfile> sites = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double kind = random.nextDouble();
      String key = "bench.Site" + i + "#call()V";
      if (kind < 0.85) {
        double work = logUniform(random, 200, 20_000);
        sites.add(local(i, key, Movability.MOVABLE, work, 0.1, random));
      } else if (kind < 0.91) {
        double work = logUniform(random, 100_000, 2_000_000);
        sites.add(local(i, key, Movability.MOVABLE, work, 1 + random.nextInt(4), random));
      } else if (kind < 0.98) {
        double work = logUniform(random, 5e6, 50e6);
        RemoteProfile remote =
            new RemoteProfile(
                100 + random.nextInt(1_000),
                20,
                1 + random.nextInt(8),
                work,
                work + 900_000,
                4096,
                256,
                random.nextInt(8));
        sites.add(
            new SiteProfile(
                i, key, Movability.MOVABLE, SiteMode.REMOTE, 0, LocalProfile.NONE, remote, true));
      } else {
        sites.add(local(i, key, Movability.PINNED, 500_000, 2, random));
      }
    }
    PolicyState state = PolicyState.initial();
    for (int r = 1; r <= 60; r++) {
      long now = r * ROUND;
      PolicyOutcome outcome = policy.decide(round(now, sites), state, tunables);
      state = outcome.state();
      for (SiteDecision d : outcome.decisions()) {
        SiteProfile s = sites.get(d.site());
        sites.set(
            d.site(),
            new SiteProfile(
                s.id(),
                s.methodKey(),
                s.movability(),
                d.to(),
                now,
                s.local(),
                s.remote(),
                s.everMeasuredRemote()));
      }
    }
    return new PolicyRounds(round(61 * ROUND, sites), state);
  }

  private static PolicyRounds turbulent(int n) {
    List<SiteProfile> sites = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sites.add(
          new SiteProfile(
              i,
              "bench.Site" + i + "#call()V",
              i % 50 == 0 ? Movability.PINNED : Movability.MOVABLE,
              SiteMode.LOCAL,
              0,
              new LocalProfile(200, 400, 4, 200, 10e6 + i, 0.01),
              new RemoteProfile(4, 100, 1, 5e6, 5.8e6, 256, 64, 0),
              true));
    }
    return new PolicyRounds(round(ROUND, sites), PolicyState.initial());
  }

  private static SiteProfile local(
      int id, String key, Movability movability, double work, double atOnce, SplittableRandom r) {
    long calls = 1_000 + r.nextInt(100_000);
    return new SiteProfile(
        id,
        key,
        movability,
        SiteMode.LOCAL,
        0,
        new LocalProfile(calls, atOnce / work * 1e9, atOnce, calls / 10, work, 0.001),
        RemoteProfile.NONE,
        false);
  }

  private static PolicyRound round(long now, List<SiteProfile> sites) {
    return new PolicyRound(
        now, new HomeLoad(16, 0.8, 14), new ClusterCapacity(256, 1024, 700), sites);
  }

  private static double logUniform(SplittableRandom random, double low, double high) {
    return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
  }
}
