package dev.farcall.driver.adaptive;

import dev.farcall.driver.sites.Decision;
import dev.farcall.driver.sites.SiteDispatcher;
import dev.farcall.heuristics.adaptive.AdaptivePolicy;
import dev.farcall.heuristics.adaptive.ClusterCapacity;
import dev.farcall.heuristics.adaptive.HomeLoad;
import dev.farcall.heuristics.adaptive.Movability;
import dev.farcall.heuristics.adaptive.PolicyLimits;
import dev.farcall.heuristics.adaptive.PolicyOutcome;
import dev.farcall.heuristics.adaptive.PolicyRound;
import dev.farcall.heuristics.adaptive.PolicyState;
import dev.farcall.heuristics.adaptive.SiteCounters;
import dev.farcall.heuristics.adaptive.SiteDecision;
import dev.farcall.heuristics.adaptive.SiteMode;
import dev.farcall.heuristics.adaptive.SiteProfile;
import dev.farcall.heuristics.adaptive.SiteProfileSmoother;
import dev.farcall.heuristics.adaptive.TrialRequest;
import dev.farcall.heuristics.placement.Tunables;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adaptive policy at work in the driver, off the program's threads: every {@code period} (100
 * ms) it reads each site's counters (through {@link SiteProfileSmoother}s: bounded memory per
 * site), home's load and the workers' capacity, asks the policy for one round, applies its flips
 * (unless in shadow mode), trials and batch sizes, reports its decisions with their figures, and
 * adapts how often each counted LOCAL site times a call so that timing stays under 1% of the site's
 * cost. Its own CPU time and the memory it keeps are measured and reported in the run's stats.
 */
public final class AdaptiveLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdaptiveLoop.class);

  /** What timing one call costs: two {@code nanoTime} reads and two counter adds, ns. */
  static final double TIMING_COST_NANOS = 60;

  /** Timing may cost at most this share of a site's calls. */
  static final double TIMING_BUDGET = 0.01;

  /**
   * When JFR may start sampling a run: after it has lived {@code minRunTime} (short programs end
   * first and never start JFR, see {@link CpuSampler#start()}) and its JVM has used {@code
   * minProcessCpu}; meanwhile the policy has the sites' timed calls.
   */
  record JfrStart(Duration minRunTime, Duration minProcessCpu) {

    /**
     * Starting a JFR stream cost 0.9–1.0 s of CPU here (JDK 17, 2 cores; 0.5 s with C1 alone, so
     * mostly the JIT of JFR's own code): JFR waits until that is at most 5% of the run's CPU.
     */
    static final JfrStart DEFAULT = new JfrStart(Duration.ofSeconds(1), Duration.ofSeconds(20));
  }

  /** Before a site's work is known, one call in this many is timed. */
  static final int INITIAL_SAMPLE_EVERY = 64;

  static final int MAX_SAMPLE_EVERY = 1 << 16;

  /** JFR samples of a site in one round needed to estimate its work from them. */
  static final int MIN_WINDOW_SAMPLES = 2;

  /** What the loop keeps per site besides the policy's state: a smoother, ~20 fields. */
  private static final long BYTES_PER_SITE = 256;

  private final SiteDispatcher sites;
  private final Supplier<Optional<ClusterCapacity>> cluster;
  private final AdaptivePolicy policy;
  private final Tunables tunables;
  // in shadow mode the run dispatches as without a policy: no bound on the calls in flight either
  private final boolean shadow;
  private final Consumer<List<dev.farcall.model.wire.SiteDecision>> reporter;
  private final CpuSampler sampler;
  private final Duration period;
  private final SiteProfileSmoother[] smoothers;
  // Each site's counters at the previous round: the window of the sampling estimate.
  private final SiteCounters[] lastCounters;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "farcall-adaptive");
            t.setDaemon(true);
            return t;
          });
  private final ThreadLoad threadLoad =
      ThreadLoad.create(Runtime.getRuntime().availableProcessors());
  private PolicyState state = PolicyState.initial();
  private JfrStart jfrStart = JfrStart.DEFAULT;
  private long startedNanos;
  private long startedCpuNanos;
  private boolean jfrStarted;
  private long lastRoundNanos;
  private volatile long cpuNanos;
  private volatile long rounds;

  /**
   * @param cluster what the workers offer now; empty while not known yet (no round decides then)
   * @param reporter where the decisions of a round go (the run's events)
   * @param period how often a round is decided
   */
  public AdaptiveLoop(
      SiteDispatcher sites,
      Supplier<Optional<ClusterCapacity>> cluster,
      AdaptivePolicy policy,
      Tunables tunables,
      Consumer<List<dev.farcall.model.wire.SiteDecision>> reporter,
      Duration period) {
    this.sites = sites;
    this.cluster = cluster;
    this.policy = policy;
    this.tunables = tunables;
    this.shadow = Boolean.TRUE.equals(tunables.values().get(PolicyLimits.SHADOW));
    this.reporter = reporter;
    this.period = period;
    List<dev.farcall.model.MethodId> methods = new ArrayList<>();
    for (int i = 0; i < sites.siteCount(); i++) {
      methods.add(sites.method(i));
    }
    // started by a round (see maybeStartJfr), so with no delay of its own
    this.sampler = new CpuSampler(methods, Duration.ofMillis(20), Duration.ZERO);
    this.smoothers = new SiteProfileSmoother[sites.siteCount()];
    this.lastCounters = new SiteCounters[sites.siteCount()];
    java.util.Arrays.fill(lastCounters, SiteCounters.ZERO);
    long now = System.nanoTime();
    for (int i = 0; i < smoothers.length; i++) {
      smoothers[i] = SiteProfileSmoother.startingAt(now);
    }
    this.lastRoundNanos = now;
    this.os =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun
            : null;
    sites.cpuShares(this::cpuShare);
  }

  /** Starts the rounds (which start the CPU sampler when it can help, see maybeStartJfr). */
  public void start() {
    int[] every = new int[sites.siteCount()];
    java.util.Arrays.fill(every, INITIAL_SAMPLE_EVERY);
    sites.sampleEvery(every);
    startedNanos = System.nanoTime();
    startedCpuNanos = processCpuNanos();
    long millis = Math.max(10, period.toMillis());
    thread.scheduleWithFixedDelay(this::safeRound, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException | Error e) {
      // an Error would cancel the schedule silently: say so once, the sites keep their modes
      log.error("an adaptive round failed; the sites keep their modes", e);
      if (e instanceof VirtualMachineError) {
        throw e;
      }
    }
  }

  /** One round; on the loop's own thread only. */
  void round() {
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long now = System.nanoTime();
    long samples = sampler.total();
    List<SiteProfile> profiles = new ArrayList<>(smoothers.length);
    SiteCounters[] counters = new SiteCounters[smoothers.length];
    for (int i = 0; i < smoothers.length; i++) {
      counters[i] = sites.counters(i, sampler.samples(i));
      smoothers[i].observe(now, counters[i], samples);
      profiles.add(profile(i));
    }
    Optional<ClusterCapacity> capacity = cluster.get();
    HomeLoad home = homeLoad(now);
    maybeStartJfr(now, home);
    if (capacity.isPresent()) {
      if (!shadow) {
        sites.limitRemoteCallsInFlight(capacity.get().totalSlots());
      }
      PolicyOutcome outcome =
          policy.decide(new PolicyRound(now, home, capacity.get(), profiles), state, tunables);
      state = outcome.state();
      apply(outcome);
    }
    adaptSampling(counters);
    System.arraycopy(counters, 0, lastCounters, 0, counters.length);
    lastRoundNanos = now;
    rounds++;
    cpuNanos += Math.max(0, threads.getCurrentThreadCpuTime() - cpuBefore);
  }

  private SiteProfile profile(int site) {
    SiteProfileSmoother smoother = smoothers[site];
    Movability movability = sites.fixed(site) ? Movability.OVERRIDDEN : Movability.MOVABLE;
    SiteMode mode = sites.decision(site) == Decision.REMOTE ? SiteMode.REMOTE : SiteMode.LOCAL;
    return new SiteProfile(
        site,
        sites.method(site).toString(),
        movability,
        mode,
        sites.decidedAtNanos(site),
        smoother.local(),
        smoother.remote(),
        smoother.everMeasuredRemote());
  }

  private HomeLoad homeLoad(long now) {
    double cpu = os == null ? 0 : Math.max(0, Math.min(1, os.getProcessCpuLoad()));
    int cores = Runtime.getRuntime().availableProcessors();
    // without per-thread CPU times, the process's CPU load: it never shows more threads than cores
    double competing = threadLoad == null ? cpu * cores : threadLoad.competingThreads(now);
    return new HomeLoad(cores, cpu, Math.max(0, competing));
  }

  /**
   * Starts JFR's sampling once the run is past {@link #jfrStart} with more threads competing for
   * home's cores than it has: only then can a call run faster remotely than at home (unsaturated, a
   * call's remote completion is its home work plus an overhead), so only then are JFR's CPU shares
   * worth its start, which took a third of a 3 s run's time on 2 cores. Until then the sites' timed
   * calls measure them.
   */
  private void maybeStartJfr(long now, HomeLoad home) {
    if (!jfrStarted
        && now - startedNanos >= jfrStart.minRunTime().toNanos()
        && home.runnableThreads() > home.cores()
        && processCpuNanos() - startedCpuNanos >= jfrStart.minProcessCpu().toNanos()) {
      jfrStarted = true;
      sampler.start();
    }
  }

  private long processCpuNanos() {
    return os == null ? 0 : Math.max(0, os.getProcessCpuTime());
  }

  /** Another rule for JFR's start; for tests, before {@link #start()}. */
  AdaptiveLoop startingJfr(JfrStart rule) {
    this.jfrStart = rule;
    return this;
  }

  /** Whether the loop has started JFR's sampling; for tests. */
  boolean startedJfr() {
    return jfrStarted;
  }

  private void apply(PolicyOutcome outcome) {
    Map<Integer, Decision> flips = new HashMap<>();
    List<dev.farcall.model.wire.SiteDecision> events = new ArrayList<>();
    long wallNow = System.currentTimeMillis();
    long nanoNow = System.nanoTime();
    for (SiteDecision d : outcome.decisions()) {
      if (d.applied()) {
        flips.put(d.site(), d.to() == SiteMode.REMOTE ? Decision.REMOTE : Decision.LOCAL);
      }
      events.add(event(d, wallNow - (nanoNow - d.atNanos()) / 1_000_000));
    }
    sites.decide(flips);
    for (int site = 0; site < sites.siteCount(); site++) {
      sites.batchSize(site, outcome.batchSize(site));
    }
    for (TrialRequest trial : outcome.trials()) {
      sites.trial(trial.site(), trial.calls());
      events.add(trialEvent(trial, wallNow - (nanoNow - trial.atNanos()) / 1_000_000));
    }
    if (!events.isEmpty()) {
      reporter.accept(events);
    }
  }

  private dev.farcall.model.wire.SiteDecision event(SiteDecision d, long atEpochMillis) {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("workNanos", d.figures().workNanos());
    figures.put("overheadNanos", d.figures().overheadNanos());
    figures.put("concurrency", d.figures().concurrency());
    figures.put("freeSlots", (double) d.figures().freeSlots());
    figures.put("expectedRemoteNanos", d.figures().expectedRemoteNanos());
    figures.put("expectedHomeNanos", d.figures().expectedHomeNanos());
    d.figures().measuredRemoteNanos().ifPresent(v -> figures.put("measuredRemoteNanos", v));
    figures.put("cores", (double) d.figures().cores());
    figures.put("runnableThreads", d.figures().runnableThreads());
    figures.put("margin", d.figures().margin());
    figures.replaceAll((k, v) -> Double.isFinite(v) ? v : -1.0);
    return dev.farcall.model.wire.SiteDecision.newBuilder()
        .setMethod(sites.method(d.site()).toWire())
        .setFrom(d.from().name())
        .setTo(d.to().name())
        .setAtEpochMillis(atEpochMillis)
        .setReason(d.reason())
        .setApplied(d.applied())
        .setFigures(figures)
        .build();
  }

  private dev.farcall.model.wire.SiteDecision trialEvent(TrialRequest trial, long atEpochMillis) {
    return dev.farcall.model.wire.SiteDecision.newBuilder()
        .setMethod(sites.method(trial.site()).toWire())
        .setFrom(SiteMode.LOCAL.name())
        .setTo(SiteMode.REMOTE.name())
        .setAtEpochMillis(atEpochMillis)
        .setReason(trial.reason())
        .setApplied(true)
        .setFigures(Map.of())
        .setTrialCalls(trial.calls())
        .build();
  }

  /**
   * One call in how many a LOCAL site times. From the site's work, its latest figure: the mean of
   * the round's timed calls (or the smoothed one when none was timed), or, when larger, the CPU its
   * JFR samples show over the round's calls; so that timing stays under 1% of that work. And at
   * most half the round's calls, so that a site whose calls turn heavy and few still times a couple
   * of them each round: a phase change shows within a round or two, where 1 in thousands would take
   * minutes and JFR takes seconds to start in a new JVM.
   */
  private void adaptSampling(SiteCounters[] counters) {
    int[] every = new int[smoothers.length];
    double samplePeriodNanos = sampler.period().toNanos();
    for (int i = 0; i < every.length; i++) {
      SiteCounters now = counters[i];
      SiteCounters before = lastCounters[i];
      long timed = now.localTimedCalls() - before.localTimedCalls();
      double timedWork =
          timed > 0
              ? (double) (now.localTimedNanos() - before.localTimedNanos()) / timed
              : smoothers[i].local().workNanos();
      double work = Math.max(timedWork, sampledWorkPerCall(now, before, samplePeriodNanos));
      int budget =
          work <= 0
              ? INITIAL_SAMPLE_EVERY
              : (int)
                  Math.max(
                      1,
                      Math.min(
                          MAX_SAMPLE_EVERY, Math.ceil(TIMING_COST_NANOS / (TIMING_BUDGET * work))));
      long calls = now.localCalls() - before.localCalls();
      every[i] = calls > 0 ? (int) Math.max(1, Math.min(budget, calls / 2)) : budget;
    }
    sites.sampleEvery(every);
  }

  /**
   * CPU per LOCAL call in the round's window from JFR: each execution sample stands for a sampling
   * period of one thread's CPU. Needs at least {@value #MIN_WINDOW_SAMPLES} samples, else 0 (a
   * single sample says little).
   */
  static double sampledWorkPerCall(SiteCounters now, SiteCounters before, double periodNanos) {
    long samples = now.cpuSamples() - before.cpuSamples();
    long calls = now.localCalls() - before.localCalls();
    if (samples < MIN_WINDOW_SAMPLES || calls <= 0) {
      return 0;
    }
    return samples * periodNanos / calls;
  }

  private double cpuShare(int site) {
    long total = sampler.total();
    return total == 0 ? 0 : Math.min(1, (double) sampler.samples(site) / total);
  }

  /** CPU time the loop (policy rounds included) has used, ns. */
  public long cpuNanos() {
    return cpuNanos;
  }

  /** Rounds decided so far. */
  public long rounds() {
    return rounds;
  }

  /** What the loop and the policy keep for the run, estimated from their bounded state. */
  public long memoryBytes() {
    return (long) smoothers.length * BYTES_PER_SITE + state.siteCount() * 64L + 4096;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    sampler.close();
  }

  /** Stops the rounds at the JVM's end, from a shutdown hook, leaving JFR to the JVM. */
  public void stopAtExit() {
    thread.shutdownNow();
    sampler.stopAtExit();
  }
}
