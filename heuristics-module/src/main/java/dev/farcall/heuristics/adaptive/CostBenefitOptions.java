package dev.farcall.heuristics.adaptive;

import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.Tunables;
import java.util.List;

/**
 * The knobs of {@link CostBenefitAdaptivePolicy}, each default with the reason for it (the limits
 * every policy shares are in {@link PolicyLimits}).
 *
 * @param margin how many times faster remote must be expected to be before a site goes remote
 * @param returnRatio a REMOTE site goes home when its measured round trip exceeds this many times
 *     what home would take
 * @param minWorkOverOverhead granularity floor: a site whose work per call is below this multiple
 *     of the dispatch overhead never goes remote
 * @param assumedOverheadNanos dispatch overhead assumed before any remote call of the run was
 *     measured, ns
 * @param minSamples timed LOCAL calls, or remote calls since the last flip, needed before a site is
 *     judged
 * @param heavyCpuShare share of home's CPU samples that makes a site with no completed timed call
 *     heavy-looking (a trial is asked for)
 * @param maxBatch the largest batch size recommended for a REMOTE site
 */
public record CostBenefitOptions(
    double margin,
    double returnRatio,
    double minWorkOverOverhead,
    double assumedOverheadNanos,
    int minSamples,
    double heavyCpuShare,
    int maxBatch) {

  /** Tunable name of {@link #margin()}. */
  public static final String MARGIN = "margin";

  /** Tunable name of {@link #returnRatio()}. */
  public static final String RETURN_RATIO = "returnRatio";

  /** Tunable name of {@link #minWorkOverOverhead()}. */
  public static final String MIN_WORK_OVER_OVERHEAD = "minWorkOverOverhead";

  /** Tunable name of {@link #assumedOverheadNanos()}, in microseconds. */
  public static final String ASSUMED_OVERHEAD_MICROS = "assumedOverheadMicros";

  /** Tunable name of {@link #minSamples()}. */
  public static final String MIN_SAMPLES = "minSamples";

  /** Tunable name of {@link #heavyCpuShare()}. */
  public static final String HEAVY_CPU_SHARE = "heavyCpuShare";

  /** Tunable name of {@link #maxBatch()}. */
  public static final String MAX_BATCH = "maxBatch";

  /**
   * 1.5: round trips measured on a shared machine vary by ±25% at p99 (PERFORMANCE.md), and a flip
   * itself costs (the first calls of a method on a worker run interpreted); a site goes only when
   * remote wins clearly, and the gap to {@link #DEFAULT_RETURN_RATIO} is the hysteresis band that
   * keeps a site near the break-even point from flapping.
   */
  public static final double DEFAULT_MARGIN = 1.5;

  /**
   * 1.0: a REMOTE site goes home as soon as it measures slower than home would be, because a run
   * must never be slower than all-local; the margin above is what keeps that from flapping.
   */
  public static final double DEFAULT_RETURN_RATIO = 1.0;

  /**
   * 0.25: below a quarter of the overhead, a call's latency remotely is at least five times its
   * work, which only a home saturated more than 7× over could repay; such figures are too noisy to
   * bet a flip on. Fine-grained calls (nanoseconds against a round trip of about a millisecond) are
   * far below it.
   */
  public static final double DEFAULT_MIN_WORK_OVER_OVERHEAD = 0.25;

  /**
   * 1,000 µs: the one-in-flight round trip of raw Kafka request/reply on the 2-core reference
   * machine (0.95 ms, PERFORMANCE.md), the floor of Farcall's transport; replaced by the run's
   * measured overhead as soon as any remote call is answered.
   */
  public static final double DEFAULT_ASSUMED_OVERHEAD_MICROS = 1_000;

  /**
   * 3 samples: one timed call may be a cold start (class loading, interpreted code); three make a
   * mean that the smoothing then keeps honest.
   */
  public static final int DEFAULT_MIN_SAMPLES = 3;

  /**
   * 0.25: a site holding a quarter of home's CPU samples is a main cost of the run even if none of
   * its calls has completed yet (one long call); trying it remotely costs a few calls.
   */
  public static final double DEFAULT_HEAVY_CPU_SHARE = 0.25;

  /**
   * 64 calls: a batch carries about one overhead's worth of work, so the fixed cost of a message is
   * paid at most once per round trip of work; beyond 64 the batch's encoded size, not the fixed
   * cost, dominates, and a slow batch delays all its calls.
   */
  public static final int DEFAULT_MAX_BATCH = 64;

  /** The descriptors of these tunables. */
  public static final List<TunableDescriptor> DESCRIPTORS =
      List.of(
          TunableDescriptor.ofDouble(
              MARGIN,
              DEFAULT_MARGIN,
              1,
              100,
              "A site goes remote when its expected completion remotely times this margin beats"
                  + " home's."),
          TunableDescriptor.ofDouble(
              RETURN_RATIO,
              DEFAULT_RETURN_RATIO,
              0.5,
              10,
              "A remote site goes home when its measured round trip exceeds this ratio times what"
                  + " home would take."),
          TunableDescriptor.ofDouble(
              MIN_WORK_OVER_OVERHEAD,
              DEFAULT_MIN_WORK_OVER_OVERHEAD,
              0,
              1000,
              "Granularity floor: a site whose work per call is below this multiple of the"
                  + " measured dispatch overhead never goes remote."),
          TunableDescriptor.ofDouble(
              ASSUMED_OVERHEAD_MICROS,
              DEFAULT_ASSUMED_OVERHEAD_MICROS,
              1,
              10_000_000,
              "Dispatch overhead assumed before any remote call of the run is measured, µs."),
          TunableDescriptor.ofInt(
              MIN_SAMPLES,
              DEFAULT_MIN_SAMPLES,
              1,
              1000,
              "Timed local calls, or remote calls since the last flip, needed before a site is"
                  + " judged."),
          TunableDescriptor.ofDouble(
              HEAVY_CPU_SHARE,
              DEFAULT_HEAVY_CPU_SHARE,
              0.01,
              1,
              "Share of home's CPU samples that makes a site with no completed timed call worth a"
                  + " trial."),
          TunableDescriptor.ofInt(
              MAX_BATCH,
              DEFAULT_MAX_BATCH,
              1,
              4096,
              "Largest batch size recommended for a remote site; the batch carries about one"
                  + " overhead's worth of work."));

  /** Reads the options from validated values that include {@link #DESCRIPTORS}. */
  public static CostBenefitOptions from(Tunables tunables) {
    return new CostBenefitOptions(
        tunables.getDouble(MARGIN),
        tunables.getDouble(RETURN_RATIO),
        tunables.getDouble(MIN_WORK_OVER_OVERHEAD),
        tunables.getDouble(ASSUMED_OVERHEAD_MICROS) * 1_000,
        tunables.getInt(MIN_SAMPLES),
        tunables.getDouble(HEAVY_CPU_SHARE),
        tunables.getInt(MAX_BATCH));
  }

  /** The defaults. */
  public static CostBenefitOptions defaults() {
    return from(Tunables.defaults(DESCRIPTORS));
  }
}
