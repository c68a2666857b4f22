package dev.farcall.heuristics.simulation;

import dev.farcall.heuristics.adaptive.Movability;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Scenarios for benchmarks and tests. */
public final class Workloads {

  /** Share of fine-grained sites in {@link #mixed}: most call sites of a program are tiny. */
  static final double FINE = 0.85;

  /** Share of medium sites (0.1–2 ms per call). */
  static final double MEDIUM = 0.06;

  /** Share of heavy sites (5–50 ms per call). */
  static final double HEAVY = 0.04;

  /** Share of sites that turn heavy midway and tiny again. */
  static final double PHASED = 0.03;

  private Workloads() {}

  /** Sites start uniformly within the first this many ns: a large program's parts start in turn. */
  static final long START_SPREAD_NANOS = 10_000_000_000L;

  /**
   * A large program's mix of {@code sites} long-lived call sites, each starting at a uniform time
   * within the first {@link #START_SPREAD_NANOS} (the shares left by the ones below are pinned, not
   * movable or overridden sites of medium weight):
   *
   * <ul>
   *   <li>fine-grained: 0.2–20 µs per call, 200–800 calls by one thread, 25 ms off-CPU between
   *       calls (most of a large program's sites are called now and then);
   *   <li>medium: 0.1–2 ms, 500–2,000 calls by 1–4 threads, 20 µs of think time between calls;
   *   <li>heavy: 5–50 ms, 100–400 calls by 1–8 threads, 4 KiB arguments (a fifth of them 1 MiB);
   *   <li>phased: 2,000 calls of 2 µs, then 200 of 20 ms, then 2,000 of 2 µs, by 2 threads with 1
   *       ms off-CPU between calls.
   * </ul>
   *
   * Works are lognormal around each site's mean.
   */
  public static List<SimulatedSite> mixed(int sites, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SimulatedSite> result = new ArrayList<>(sites);
    for (int s = 0; s < sites; s++) {
      double kind = random.nextDouble();
      long start = random.nextLong(START_SPREAD_NANOS);
      String key = "sim.Site" + s + "#call()V";
      SimulatedSite site;
      if (kind < FINE) {
        Phase phase =
            new Phase(
                random.nextLong(200, 801),
                WorkDistribution.lognormal(between(random, 200, 20_000), 0.5),
                64,
                16);
        site = new SimulatedSite(key, Movability.MOVABLE, 1, List.of(phase), 0, 25_000_000, 0);
      } else if (kind < FINE + MEDIUM) {
        site = medium(key, Movability.MOVABLE, random);
      } else if (kind < FINE + MEDIUM + HEAVY) {
        long sent = random.nextDouble() < 0.2 ? 1 << 20 : 4096;
        Phase phase =
            new Phase(
                random.nextLong(100, 401),
                WorkDistribution.lognormal(between(random, 5e6, 50e6), 0.5),
                sent,
                256);
        site =
            new SimulatedSite(
                key, Movability.MOVABLE, random.nextInt(1, 9), List.of(phase), 0, 0, 0);
      } else if (kind < FINE + MEDIUM + HEAVY + PHASED) {
        site = phased(key, 2, 2_000, 2_000, 200, 20_000_000, 1_000_000);
      } else {
        Movability fixed =
            List.of(Movability.PINNED, Movability.NOT_MOVABLE, Movability.OVERRIDDEN)
                .get(random.nextInt(3));
        site = medium(key, fixed, random);
      }
      result.add(site.startingAt(start));
    }
    return result;
  }

  /**
   * A site that is tiny, then heavy, then tiny again.
   *
   * @param threads its caller threads
   * @param tinyCalls calls of each tiny phase
   * @param tinyNanos work of a tiny call
   * @param heavyCalls calls of the heavy phase
   * @param heavyNanos work of a heavy call
   * @param idleNanos off-CPU wait between two calls of a thread
   */
  public static SimulatedSite phased(
      String key,
      int threads,
      long tinyCalls,
      double tinyNanos,
      long heavyCalls,
      double heavyNanos,
      long idleNanos) {
    Phase tiny = new Phase(tinyCalls, WorkDistribution.constant(tinyNanos), 64, 16);
    Phase heavy = new Phase(heavyCalls, WorkDistribution.constant(heavyNanos), 64, 16);
    return new SimulatedSite(
        key, Movability.MOVABLE, threads, List.of(tiny, heavy, tiny), 0, idleNanos, 0);
  }

  /**
   * A cluster of {@code workers} workers of 4 slots behind a 10 Gb/s link with a 500 µs round trip
   * and 300 µs of dispatch overhead, and a home of 16 cores that spends 20 µs of CPU per remote
   * call.
   */
  public static ClusterModel cluster(int workers) {
    return new ClusterModel(16, workers, 4, 500_000, 1.25e9, 300_000, 20_000);
  }

  /** {@link #mixed} on {@link #cluster}. */
  public static Scenario mixed(int sites, int workers, long seed) {
    return new Scenario(mixed(sites, seed), cluster(workers), seed);
  }

  private static SimulatedSite medium(String key, Movability movability, SplittableRandom random) {
    Phase phase =
        new Phase(
            random.nextLong(500, 2_001),
            WorkDistribution.lognormal(between(random, 100_000, 2_000_000), 0.7),
            512,
            128);
    return new SimulatedSite(key, movability, random.nextInt(1, 5), List.of(phase), 20_000, 0, 0);
  }

  /** Log-uniform between the bounds. */
  private static double between(SplittableRandom random, double low, double high) {
    return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
  }
}
