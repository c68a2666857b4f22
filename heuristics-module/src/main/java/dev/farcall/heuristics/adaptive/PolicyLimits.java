package dev.farcall.heuristics.adaptive;

import dev.farcall.heuristics.placement.TunableDescriptor;
import dev.farcall.heuristics.placement.Tunables;
import java.util.List;

/**
 * The rules every built-in policy enforces the same way, whatever it proposes: shadow mode, the
 * dwell per site, the flip cap of the run and trial calls. Every built-in policy includes {@link
 * #DESCRIPTORS} in its {@link AdaptivePolicy#parameters()}.
 *
 * @param shadow record decisions and apply none
 * @param minDwellNanos the least time between two flips of one site, ns
 * @param maxFlipsPerSecond the most flips of the run in any second
 * @param trialCalls calls sent remotely on trial for a heavy-looking site never measured remote (0:
 *     no trials, decide on the assumed overhead)
 */
public record PolicyLimits(
    boolean shadow, long minDwellNanos, int maxFlipsPerSecond, int trialCalls) {

  /** Tunable name of {@link #shadow()}. */
  public static final String SHADOW = "shadow";

  /** Tunable name of {@link #minDwellNanos()}, in milliseconds. */
  public static final String MIN_DWELL_MILLIS = "minDwellMillis";

  /** Tunable name of {@link #maxFlipsPerSecond()}. */
  public static final String MAX_FLIPS_PER_SECOND = "maxFlipsPerSecond";

  /** Tunable name of {@link #trialCalls()}. */
  public static final String TRIAL_CALLS = "trialCalls";

  /** Shadow mode is off: a policy is there to act; shadow is for evaluating one on real runs. */
  public static final boolean DEFAULT_SHADOW = false;

  /**
   * 500 ms: five rounds at the 100 ms cadence, so the new mode's figures (smoothed with a 200 ms
   * half-life, {@link SiteProfileSmoother#DEFAULT_HALF_LIFE_NANOS}) are mostly its own before it is
   * judged; short enough that a site turning heavy midway still goes remote within 2 s.
   */
  public static final int DEFAULT_MIN_DWELL_MILLIS = 500;

  /**
   * 100 per second: a flip re-targets the site's {@code MutableCallSite} and syncs it, which
   * deoptimises the compiled code that inlined the old mode; recompiling that costs well under a
   * millisecond, so 100 a second keeps it to a small share of one core, yet lets a program move
   * hundreds of sites within seconds. Sites going home are served first, then the largest gains, so
   * the cap delays the least valuable flips.
   */
  public static final int DEFAULT_MAX_FLIPS_PER_SECOND = 100;

  /**
   * 4 calls: enough to see a round trip and the worker's work twice over (the first remote call of
   * a method also loads its class on the worker), few enough that a wrong guess costs little.
   */
  public static final int DEFAULT_TRIAL_CALLS = 4;

  /**
   * A trial that has not seen its calls answered after 2 s ends (the site may have stopped being
   * called); another may be asked for, up to {@link #MAX_TRIALS_PER_SITE}.
   */
  public static final long TRIAL_TIMEOUT_NANOS = 2_000_000_000L;

  /** At most 3 trials per site and run, so a site that is never called again costs nothing more. */
  public static final int MAX_TRIALS_PER_SITE = 3;

  /**
   * After each loss (remote did not pay) a site's dwell before it may go remote again doubles, up
   * to 2^4 = 16 times the minimum: a site that keeps losing settles at home.
   */
  public static final int MAX_BACKOFF_DOUBLINGS = 4;

  /** The descriptors of these tunables. */
  public static final List<TunableDescriptor> DESCRIPTORS =
      List.of(
          TunableDescriptor.ofBoolean(
              SHADOW,
              DEFAULT_SHADOW,
              "Record the decisions the policy would make and apply none: no flip, no trial call."),
          TunableDescriptor.ofInt(
              MIN_DWELL_MILLIS,
              DEFAULT_MIN_DWELL_MILLIS,
              0,
              600_000,
              "Least time between two flips of one site, ms; doubles after each time remote lost."),
          TunableDescriptor.ofInt(
              MAX_FLIPS_PER_SECOND,
              DEFAULT_MAX_FLIPS_PER_SECOND,
              1,
              10_000,
              "Most flips of a run in any second; sites going home are served first."),
          TunableDescriptor.ofInt(
              TRIAL_CALLS,
              DEFAULT_TRIAL_CALLS,
              0,
              100,
              "Calls sent remotely on trial for a heavy-looking site never measured remote before"
                  + " it may flip; 0 decides on the assumed overhead instead."));

  /** Reads the limits from validated values that include {@link #DESCRIPTORS}. */
  public static PolicyLimits from(Tunables tunables) {
    return new PolicyLimits(
        tunables.getBoolean(SHADOW),
        tunables.getInt(MIN_DWELL_MILLIS) * 1_000_000L,
        tunables.getInt(MAX_FLIPS_PER_SECOND),
        tunables.getInt(TRIAL_CALLS));
  }

  /** The least time before a site last flipped at {@code memory} may flip towards {@code to}. */
  long dwellNanos(SiteMemory memory, SiteMode to) {
    int doublings = to == SiteMode.REMOTE ? Math.min(memory.losses(), MAX_BACKOFF_DOUBLINGS) : 0;
    return minDwellNanos << doublings;
  }
}
