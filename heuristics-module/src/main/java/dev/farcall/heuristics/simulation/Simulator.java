package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.SiteMode;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link Scenario} under a {@link Strategy} and reports its makespan.
 *
 * <p>From its site's start, each caller thread loops: take the site's next call (by call number,
 * shared by its threads), run it, spend the site's think time on home's CPU, wait its idle time
 * off-CPU. A LOCAL call is a job of its work on home's cores (processor sharing). A REMOTE call
 * costs {@code homeCpuPerRemoteCallNanos} on home's cores, then its argument bytes on the uplink
 * (FIFO, the link's bandwidth), half the fixed latency (round trip plus dispatch overhead) to reach
 * the cluster, a FIFO wait for a free worker slot, its work on the slot, the other half of the
 * fixed latency and its result bytes on the downlink. Under an adaptive strategy a round every
 * cadence builds profiles from the counters exactly as a driver does and applies the policy's
 * outcome: flips apply to calls that start afterwards, trial requests send the site's next calls
 * remote.
 *
 * <p>Cost: O(log n) per event, a few events per call; plus, per round, the policy and one profile
 * per site.
 */
public final class Simulator {

  static final int ARRIVE = 1;
  static final int WORK_DONE = 2;
  static final int REPLY = 3;
  static final int ROUND = 4;
  static final int IDLE_DONE = 5;

  private static final byte LOCAL_WORK = 1;
  private static final byte ENCODE = 2;
  private static final byte THINK = 3;
  private static final byte REMOTE = 4;
  private static final byte IDLE = 5;

  final Scenario scenario;
  final Trace trace;
  final ClusterModel cluster;
  final ProcessorSharing home;
  final SiteTally tally;
  private final EventQueue events = new EventQueue();

  private final int[] threadSite;
  private final byte[] stage;
  private final long[] callStart;
  private final long[] callWork;
  private final long[] callNumber;
  private final double[] accounted;

  private final long[] nextCall;
  private final long[] totalCalls;
  final boolean[] remote;
  final long[] modeSince;
  private final int[] trialBudget;
  private final long[][] phaseStart;

  int freeSlots;
  private final IntQueue waiting = new IntQueue();
  private long uplinkFree;
  private long downlinkFree;

  private int finishedThreads;
  private long makespan;
  private long localCalls;
  private long remoteCalls;
  private long trialCalls;
  private long processed;

  private Simulator(Scenario scenario) {
    this.scenario = scenario;
    this.trace = new Trace(scenario);
    this.cluster = scenario.cluster();
    this.home = new ProcessorSharing(cluster.homeCores());
    List<SimulatedSite> sites = scenario.sites();
    int n = sites.size();
    this.tally = new SiteTally(n);
    int threads = 0;
    for (SimulatedSite site : sites) {
      threads += site.threads();
    }
    threadSite = new int[threads];
    stage = new byte[threads];
    callStart = new long[threads];
    callWork = new long[threads];
    callNumber = new long[threads];
    accounted = new double[threads];
    int t = 0;
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < sites.get(s).threads(); k++) {
        threadSite[t++] = s;
      }
    }
    nextCall = new long[n];
    totalCalls = new long[n];
    remote = new boolean[n];
    modeSince = new long[n];
    trialBudget = new int[n];
    phaseStart = new long[n][];
    for (int s = 0; s < n; s++) {
      totalCalls[s] = trace.calls(s);
      phaseStart[s] = new long[sites.get(s).phases().size()];
      Arrays.fill(phaseStart[s], -1);
    }
    freeSlots = cluster.totalSlots();
  }

  /** Simulates the scenario under the strategy, from time 0 until its last call completes. */
  public static SimulationResult run(Scenario scenario, Strategy strategy) {
    return new Simulator(scenario).simulate(strategy);
  }

  private SimulationResult simulate(Strategy strategy) {
    SimulatedDriver driver = null;
    if (strategy instanceof Strategy.Fixed fixed) {
      var set = fixed.remote();
      for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
        if (s >= remote.length || !scenario.sites().get(s).mayMove()) {
          throw new IllegalArgumentException("site " + s + " may not be placed remote");
        }
        remote[s] = true;
      }
    } else if (strategy instanceof Strategy.Adaptive adaptive) {
      driver = new SimulatedDriver(this, adaptive);
      events.add(adaptive.cadenceNanos(), ROUND, 0);
    }
    for (int t = 0; t < threadSite.length; t++) {
      long start = scenario.sites().get(threadSite[t]).startNanos();
      if (start == 0) {
        startNextCall(t, 0);
      } else {
        events.add(start, IDLE_DONE, t);
      }
    }
    while (finishedThreads < threadSite.length) {
      long homeAt = home.nextCompletion();
      long eventAt = events.peekTime();
      if (homeAt == Long.MAX_VALUE && eventAt == Long.MAX_VALUE) {
        throw new IllegalStateException("simulation stalled with unfinished threads");
      }
      processed++;
      if (homeAt <= eventAt) {
        int t = home.complete(homeAt);
        homeDone(t, homeAt);
        continue;
      }
      long payload = events.poll();
      int subject = EventQueue.subject(payload);
      switch (EventQueue.kind(payload)) {
        case ARRIVE -> arrive(subject, eventAt);
        case WORK_DONE -> workDone(subject, eventAt);
        case REPLY -> reply(subject, eventAt);
        case IDLE_DONE -> startNextCall(subject, eventAt);
        case ROUND -> {
          driver.round(eventAt);
          events.add(eventAt + driver.cadenceNanos(), ROUND, 0);
        }
        default -> throw new IllegalStateException("unknown event " + payload);
      }
    }
    return new SimulationResult(
        strategy.name(),
        makespan,
        localCalls,
        remoteCalls,
        trialCalls,
        driver == null ? 0 : driver.rounds(),
        driver == null ? 0 : driver.flips(),
        driver == null ? List.of() : driver.decisions(),
        driver == null ? new long[0] : driver.policyCpuNanos(),
        phaseStart,
        processed);
  }

  private void startNextCall(int t, long now) {
    int s = threadSite[t];
    long j = nextCall[s];
    if (j >= totalCalls[s]) {
      finishedThreads++;
      makespan = Math.max(makespan, now);
      return;
    }
    nextCall[s] = j + 1;
    int phase = trace.phaseOf(s, j);
    if (phaseStart[s][phase] < 0) {
      phaseStart[s][phase] = now;
    }
    callNumber[t] = j;
    callStart[t] = now;
    callWork[t] = (long) Math.ceil(trace.work(s, j));
    boolean trial = !remote[s] && trialBudget[s] > 0;
    if (remote[s] || trial) {
      if (trial) {
        trialBudget[s]--;
        trialCalls++;
      }
      tally.inFlight[s]++;
      if (cluster.homeCpuPerRemoteCallNanos() > 0) {
        stage[t] = ENCODE;
        home.start(t, cluster.homeCpuPerRemoteCallNanos(), now);
      } else {
        send(t, now);
      }
    } else {
      stage[t] = LOCAL_WORK;
      home.start(t, callWork[t], now);
      accounted[t] = home.virtualTime();
    }
  }

  private void homeDone(int t, long now) {
    switch (stage[t]) {
      case LOCAL_WORK -> {
        int s = threadSite[t];
        tally.localCalls[s]++;
        tally.localNanos[s] += now - callStart[t];
        tally.cpuNanos[s] += home.virtualTime() - accounted[t];
        localCalls++;
        afterCall(t, now);
      }
      case ENCODE -> send(t, now);
      case THINK -> afterThink(t, now);
      default -> throw new IllegalStateException("thread " + t + " was not on home's CPU");
    }
  }

  private void send(int t, long now) {
    stage[t] = REMOTE;
    Phase phase = trace.phase(threadSite[t], callNumber[t]);
    long start = Math.max(now, uplinkFree);
    uplinkFree = start + (long) Math.ceil(cluster.transferNanos(phase.bytesSent()));
    events.add(uplinkFree + cluster.fixedLatencyNanos() / 2, ARRIVE, t);
  }

  private void arrive(int t, long now) {
    if (freeSlots > 0) {
      freeSlots--;
      events.add(now + callWork[t], WORK_DONE, t);
    } else {
      waiting.add(t);
    }
  }

  private void workDone(int t, long now) {
    if (!waiting.isEmpty()) {
      int next = waiting.poll();
      events.add(now + callWork[next], WORK_DONE, next);
    } else {
      freeSlots++;
    }
    Phase phase = trace.phase(threadSite[t], callNumber[t]);
    long latency = cluster.fixedLatencyNanos();
    long atLink = now + latency - latency / 2;
    long start = Math.max(atLink, downlinkFree);
    downlinkFree = start + (long) Math.ceil(cluster.transferNanos(phase.bytesReceived()));
    events.add(downlinkFree, REPLY, t);
  }

  private void reply(int t, long now) {
    int s = threadSite[t];
    Phase phase = trace.phase(s, callNumber[t]);
    tally.inFlight[s]--;
    tally.remoteCalls[s]++;
    tally.remoteWorkNanos[s] += callWork[t];
    tally.remoteRoundTripNanos[s] += now - callStart[t];
    tally.bytesSent[s] += phase.bytesSent();
    tally.bytesReceived[s] += phase.bytesReceived();
    remoteCalls++;
    afterCall(t, now);
  }

  private void afterCall(int t, long now) {
    long think = scenario.sites().get(threadSite[t]).thinkNanos();
    if (think > 0) {
      stage[t] = THINK;
      home.start(t, think, now);
    } else {
      afterThink(t, now);
    }
  }

  private void afterThink(int t, long now) {
    long idle = scenario.sites().get(threadSite[t]).idleNanos();
    if (idle > 0) {
      stage[t] = IDLE;
      events.add(now + idle, IDLE_DONE, t);
    } else {
      startNextCall(t, now);
    }
  }

  /** Charges the CPU that running LOCAL calls received so far to their sites (for CPU shares). */
  void attributeRunningCpu() {
    double v = home.virtualTime();
    for (int i = 0; i < home.active(); i++) {
      int t = home.job(i);
      if (stage[t] == LOCAL_WORK) {
        tally.cpuNanos[threadSite[t]] += v - accounted[t];
        accounted[t] = v;
      }
    }
  }

  /** Applies a flip: calls that start from now on run in the new mode. */
  void flip(int site, SiteMode to, long now) {
    remote[site] = to == SiteMode.REMOTE;
    modeSince[site] = now;
  }

  /** Sends the site's next {@code calls} calls remote. */
  void trial(int site, int calls) {
    trialBudget[site] += calls;
  }
}
