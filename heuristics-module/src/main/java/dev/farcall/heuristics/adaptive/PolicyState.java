package dev.farcall.heuristics.adaptive;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a policy keeps between the rounds of one run, explicit and bounded: one {@link SiteMemory}
 * per site (a fixed handful of fields), the times of the run's most recent flips, at most the flip
 * cap's worth (so the cap per second can be checked exactly), and two run-wide figures of the
 * dispatch overhead measured so far (its mean over the sites measured in the last round that had
 * any, and the lowest a site measured over the run). Immutable: {@link AdaptivePolicy#decide}
 * returns the next state in its outcome and leaves this one unchanged, so a round can be replayed.
 */
public final class PolicyState {

  /** Marks a time that never happened (a site never flipped, no trial asked). */
  public static final long NEVER = Long.MIN_VALUE;

  /** Answered calls a site needs before its overhead counts for {@link #overheadFloorNanos()}. */
  public static final int FLOOR_MIN_CALLS = 3;

  /** At most this many calls of one site weigh on {@link #meanOverheadNanos()}. */
  static final long MAX_OVERHEAD_WEIGHT = 1_000;

  private static final long SECOND = 1_000_000_000L;
  private static final PolicyState INITIAL =
      new PolicyState(new SiteMemory[0], new long[0], 0, 0, Double.NaN, Double.NaN);

  private final SiteMemory[] sites;

  /** Flip times, newest last; a window of the most recent ones, as many as the flip cap. */
  private final long[] recentFlips;

  private final long rounds;
  private final long totalFlips;
  private final double meanOverheadNanos;
  private final double overheadFloorNanos;

  private PolicyState(
      SiteMemory[] sites,
      long[] recentFlips,
      long rounds,
      long totalFlips,
      double meanOverheadNanos,
      double overheadFloorNanos) {
    this.sites = sites;
    this.recentFlips = recentFlips;
    this.rounds = rounds;
    this.totalFlips = totalFlips;
    this.meanOverheadNanos = meanOverheadNanos;
    this.overheadFloorNanos = overheadFloorNanos;
  }

  /** The state before a run's first round. */
  public static PolicyState initial() {
    return INITIAL;
  }

  /** How many sites the state remembers. */
  public int siteCount() {
    return sites.length;
  }

  /** What the policy remembers of a site, if it has seen it. */
  public Optional<SiteMemory> site(int id) {
    return id >= 0 && id < sites.length ? Optional.of(sites[id]) : Optional.empty();
  }

  /** The batch size recommended for a site's remote calls (1 for a site it has not seen). */
  public int batchSize(int id) {
    return id >= 0 && id < sites.length ? sites[id].batchSize() : 1;
  }

  /** Rounds decided so far. */
  public long rounds() {
    return rounds;
  }

  /** Flips decided so far in the run (shadow ones included). */
  public long totalFlips() {
    return totalFlips;
  }

  /**
   * The dispatch overhead per call (round trip less work) over the sites measured remotely, each
   * weighing by its calls up to a thousand, as of the last round that had any; empty before any
   * remote call of the run was answered.
   */
  public OptionalDouble meanOverheadNanos() {
    return Double.isNaN(meanOverheadNanos)
        ? OptionalDouble.empty()
        : OptionalDouble.of(meanOverheadNanos);
  }

  /**
   * The lowest overhead per call any site measured over the run (once it had {@link
   * #FLOOR_MIN_CALLS} answered calls): what dispatch costs when nothing queues, the reference of
   * granularity rules; empty until then.
   */
  public OptionalDouble overheadFloorNanos() {
    return Double.isNaN(overheadFloorNanos)
        ? OptionalDouble.empty()
        : OptionalDouble.of(overheadFloorNanos);
  }

  /** How many flip times the state keeps (never more than the flip cap of the last round). */
  public int flipTimesKept() {
    return recentFlips.length;
  }

  /** Flips in the second that ends at {@code nowNanos}: in {@code (now − 1 s, now]}. */
  public int flipsInSecondBefore(long nowNanos) {
    int count = 0;
    for (int i = recentFlips.length - 1; i >= 0 && recentFlips[i] > nowNanos - SECOND; i--) {
      count++;
    }
    return count;
  }

  SiteMemory[] sitesCopy(int size) {
    return Arrays.copyOf(sites, Math.max(size, sites.length));
  }

  /**
   * The next state: these sites, the recent flips plus {@code newFlips} keeping {@code cap}, and
   * this round's overhead figures (NaN: none this round, the previous ones stay).
   */
  PolicyState next(
      SiteMemory[] newSites,
      long[] newFlips,
      int newFlipCount,
      int cap,
      double roundMeanOverhead,
      double roundFloorOverhead) {
    long[] flips;
    if (newFlipCount == 0 && recentFlips.length <= cap) {
      flips = recentFlips;
    } else {
      int keepOld = Math.max(0, Math.min(recentFlips.length, cap - newFlipCount));
      int keepNew = Math.min(newFlipCount, cap);
      flips = new long[keepOld + keepNew];
      System.arraycopy(recentFlips, recentFlips.length - keepOld, flips, 0, keepOld);
      System.arraycopy(newFlips, newFlipCount - keepNew, flips, keepOld, keepNew);
    }
    double mean = Double.isNaN(roundMeanOverhead) ? meanOverheadNanos : roundMeanOverhead;
    double floor =
        Double.isNaN(overheadFloorNanos)
            ? roundFloorOverhead
            : Double.isNaN(roundFloorOverhead)
                ? overheadFloorNanos
                : Math.min(overheadFloorNanos, roundFloorOverhead);
    return new PolicyState(newSites, flips, rounds + 1, totalFlips + newFlipCount, mean, floor);
  }
}
