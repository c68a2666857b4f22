package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.heuristics.adaptive.HomeLoad;
import dev.farcall.heuristics.adaptive.PolicyOutcome;
import dev.farcall.heuristics.adaptive.PolicyRound;
import dev.farcall.heuristics.adaptive.PolicyState;
import dev.farcall.heuristics.adaptive.SiteDecision;
import dev.farcall.heuristics.adaptive.SiteMode;
import dev.farcall.heuristics.adaptive.SiteProfile;
import dev.farcall.heuristics.adaptive.SiteProfileSmoother;
import dev.farcall.heuristics.adaptive.TrialRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the run driver does around the policy, in simulated time: every round, read each site's
 * counters, smooth them into profiles, measure home's load over the round, ask the policy and apply
 * its outcome.
 */
final class SimulatedDriver {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Simulator simulator;
  private final Strategy.Adaptive strategy;
  private final SiteProfileSmoother[] smoothers;
  private final boolean cpuTimed;
  private PolicyState state = PolicyState.initial();
  private final List<SiteDecision> decisions = new ArrayList<>();
  private long[] cpu = new long[256];
  private long rounds;
  private long flips;
  private long lastRound;
  private double lastJobNanos;
  private double lastBusyNanos;

  SimulatedDriver(Simulator simulator, Strategy.Adaptive strategy) {
    this.simulator = simulator;
    this.strategy = strategy;
    int n = simulator.scenario.sites().size();
    smoothers = new SiteProfileSmoother[n];
    for (int s = 0; s < n; s++) {
      smoothers[s] = new SiteProfileSmoother(strategy.halfLifeNanos(), 0);
    }
    cpuTimed = THREADS.isCurrentThreadCpuTimeSupported();
  }

  long cadenceNanos() {
    return strategy.cadenceNanos();
  }

  void round(long now) {
    ProcessorSharing home = simulator.home;
    home.advanceTo(now);
    simulator.attributeRunningCpu();
    double elapsed = now - lastRound;
    double runnable = (home.jobNanos() - lastJobNanos) / elapsed;
    int cores = simulator.cluster.homeCores();
    double load = Math.min(1, (home.busyCoreNanos() - lastBusyNanos) / (elapsed * cores));
    long processCpu = (long) home.busyCoreNanos();
    var sites = simulator.scenario.sites();
    List<SiteProfile> profiles = new ArrayList<>(sites.size());
    for (int s = 0; s < sites.size(); s++) {
      SiteProfileSmoother smoother = smoothers[s];
      smoother.observe(now, simulator.tally.counters(s), processCpu);
      profiles.add(
          new SiteProfile(
              s,
              sites.get(s).methodKey(),
              sites.get(s).movability(),
              simulator.remote[s] ? SiteMode.REMOTE : SiteMode.LOCAL,
              simulator.modeSince[s],
              smoother.local(),
              smoother.remote(),
              smoother.everMeasuredRemote()));
    }
    ClusterModel cluster = simulator.cluster;
    PolicyRound policyRound =
        new PolicyRound(
            now,
            new HomeLoad(cores, load, runnable),
            new ClusterCapacity(cluster.workers(), cluster.totalSlots(), simulator.freeSlots),
            profiles);
    long before = cpuTimed ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    PolicyOutcome outcome = strategy.policy().decide(policyRound, state, strategy.tunables());
    long spent = (cpuTimed ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - before;
    record(spent);
    state = outcome.state();
    for (SiteDecision decision : outcome.decisions()) {
      flips++;
      if (decisions.size() < SimulationResult.MAX_DECISIONS_KEPT) {
        decisions.add(decision);
      }
      if (decision.applied()) {
        simulator.flip(decision.site(), decision.to(), now);
      }
    }
    for (TrialRequest trial : outcome.trials()) {
      simulator.trial(trial.site(), trial.calls());
    }
    lastRound = now;
    lastJobNanos = home.jobNanos();
    lastBusyNanos = home.busyCoreNanos();
  }

  private void record(long spent) {
    if (rounds == cpu.length) {
      cpu = Arrays.copyOf(cpu, cpu.length * 2);
    }
    cpu[(int) rounds++] = spent;
  }

  long rounds() {
    return rounds;
  }

  long flips() {
    return flips;
  }

  List<SiteDecision> decisions() {
    return decisions;
  }

  long[] policyCpuNanos() {
    return Arrays.copyOf(cpu, (int) rounds);
  }
}
