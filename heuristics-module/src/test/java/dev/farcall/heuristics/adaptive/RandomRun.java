package dev.farcall.heuristics.adaptive;

import static dev.farcall.heuristics.adaptive.Sites.MS;

import dev.farcall.heuristics.placement.Tunables;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random run for property tests: random sites (movable or not), random limits, and rounds at
 * random intervals whose profiles, home load and cluster capacity are drawn anew each round (from
 * idle to saturated, from no workers to many), driven like a driver drives a policy: applied flips
 * change the modes, trial calls are answered by the next round.
 */
final class RandomRun {
  private static final Movability[] MOVABILITIES = Movability.values();

  private final Random random;
  private final Movability[] movability;
  final int dwellMillis;
  final int cap;
  final int trialCalls;
  final boolean shadow;
  private final int rounds;

  RandomRun(long seed) {
    random = new Random(seed);
    int sites = 1 + random.nextInt(40);
    movability = new Movability[sites];
    for (int i = 0; i < sites; i++) {
      // half movable, the rest spread over pinned, not movable and overridden
      movability[i] =
          random.nextBoolean() ? Movability.MOVABLE : MOVABILITIES[1 + random.nextInt(3)];
    }
    dwellMillis = random.nextInt(4) == 0 ? 0 : random.nextInt(2_000);
    cap = 1 + random.nextInt(20);
    trialCalls = random.nextInt(6);
    shadow = random.nextInt(4) == 0;
    rounds = 5 + random.nextInt(80);
  }

  Movability movability(int site) {
    return movability[site];
  }

  List<PolicyOutcome> drive(AdaptivePolicy policy, Tunables tunables) {
    int n = movability.length;
    SiteMode[] mode = new SiteMode[n];
    long[] since = new long[n];
    long[] localCalls = new long[n];
    long[] remoteCalls = new long[n];
    int[] trialBudget = new int[n];
    boolean[] seeded = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean startsRemote =
          (movability[i] == Movability.MOVABLE || movability[i] == Movability.OVERRIDDEN)
              && random.nextInt(4) == 0;
      mode[i] = startsRemote ? SiteMode.REMOTE : SiteMode.LOCAL;
      seeded[i] = random.nextInt(10) == 0;
    }
    PolicyState state = PolicyState.initial();
    List<PolicyOutcome> outcomes = new ArrayList<>();
    long now = 0;
    for (int r = 0; r < rounds; r++) {
      now += (10 + random.nextInt(400)) * MS;
      List<SiteProfile> sites = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        localCalls[i] += mode[i] == SiteMode.LOCAL ? random.nextInt(50) : 0;
        remoteCalls[i] += trialBudget[i] + (mode[i] == SiteMode.REMOTE ? random.nextInt(50) : 0);
        trialBudget[i] = 0;
        double work = logUniform(10, 1e8);
        LocalProfile local =
            new LocalProfile(
                localCalls[i],
                random.nextDouble() * 10_000,
                random.nextDouble() * 16,
                random.nextInt(3) == 0 ? 0 : localCalls[i],
                work,
                random.nextDouble());
        double remoteWork = random.nextBoolean() ? work : logUniform(10, 1e8);
        RemoteProfile remote =
            remoteCalls[i] == 0 && !seeded[i]
                ? RemoteProfile.NONE
                : new RemoteProfile(
                    remoteCalls[i],
                    random.nextDouble() * 1_000,
                    random.nextDouble() * 16,
                    remoteWork,
                    remoteWork + logUniform(1e4, 1e8),
                    random.nextInt(10_000),
                    random.nextInt(10_000),
                    random.nextInt(20));
        sites.add(
            new SiteProfile(
                i,
                Sites.key(i),
                movability[i],
                mode[i],
                since[i],
                local,
                remote,
                remoteCalls[i] > 0 || seeded[i]));
      }
      PolicyOutcome outcome =
          policy.decide(new PolicyRound(now, home(), cluster(), sites), state, tunables);
      outcomes.add(outcome);
      state = outcome.state();
      for (SiteDecision d : outcome.decisions()) {
        if (d.applied()) {
          mode[d.site()] = d.to();
          since[d.site()] = now;
        }
      }
      for (TrialRequest trial : outcome.trials()) {
        trialBudget[trial.site()] += trial.calls();
      }
    }
    return outcomes;
  }

  private HomeLoad home() {
    int cores = 1 + random.nextInt(16);
    return new HomeLoad(cores, random.nextDouble(), random.nextDouble() * 4 * cores);
  }

  private ClusterCapacity cluster() {
    if (random.nextInt(5) == 0) {
      return ClusterCapacity.NONE;
    }
    int workers = 1 + random.nextInt(64);
    int slots = workers * (1 + random.nextInt(8));
    return new ClusterCapacity(workers, slots, random.nextInt(slots + 1));
  }

  private double logUniform(double low, double high) {
    return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
  }
}
