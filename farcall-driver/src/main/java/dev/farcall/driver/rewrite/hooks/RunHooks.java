package dev.farcall.driver.rewrite.hooks;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * The target of rewritten program code. Never used where it is compiled: the run's class loader
 * defines its own copy from these bytes (the program's loader sees only the JDK and {@code
 * farcall-api}, so it could not see the driver's copy), and the driver fills the fields
 * reflectively before the program's first instruction. It must therefore refer to JDK types only
 * (no lambdas, no nested classes, no driver types).
 *
 * <p>A rewritten call site asks for its site's mode and takes the plain local call when it is
 * {@link #MODE_LOCAL}; {@link #MODE_COUNTED_LOCAL} counts the call in {@link #LOCAL_CALLS} first
 * (and times one in {@link #SAMPLE_EVERY} of them), and {@link #MODE_DISPATCH} goes to {@link
 * #dispatch}. Class files of Java 7 or later ask through {@code invokedynamic} bound by {@link
 * #site} to the site's {@link MutableCallSite}, whose target is a constant: the JIT compiles that
 * to the constant itself, so a LOCAL call costs nothing once compiled, and a change of decision
 * deoptimises the code that inlined the old one. Older class files, which cannot hold {@code
 * invokedynamic}, read the same modes from {@link #MODES}.
 */
public final class RunHooks {

  /** Table entry: call the original method at once. */
  public static final int MODE_LOCAL = 0;

  /** Table entry: ask the run's dispatcher. */
  public static final int MODE_DISPATCH = 1;

  /** Table entry: count the call in {@link #LOCAL_CALLS}, then call the original method. */
  public static final int MODE_COUNTED_LOCAL = 2;

  /** Returned by {@link #dispatch} when the call must run at home after all. */
  public static final Object LOCAL = new Object();

  /**
   * Mode per dispatchable method (index = site id) for class files older than Java 7; replaced as a
   * whole, never mutated.
   */
  public static volatile int[] MODES = new int[0];

  /**
   * Mode per dispatchable method (index = site id) for {@code invokedynamic} call sites: each
   * targets a constant {@code ()int} method handle. Set before the program's first instruction.
   */
  public static volatile MutableCallSite[] SITES;

  /** Local calls per site, when the run counts them. */
  public static volatile LongAdder[] LOCAL_CALLS = new LongAdder[0];

  /**
   * Per site, one counted local call in this many is timed; 0 times none. The driver adapts it so
   * that timing stays a small share of the site's cost.
   */
  public static volatile int[] SAMPLE_EVERY = new int[0];

  /** Per site, the time spent in its timed local calls, in ns. */
  public static volatile LongAdder[] TIMED_NANOS = new LongAdder[0];

  /** Per site, how many of its local calls were timed. */
  public static volatile LongAdder[] TIMED_CALLS = new LongAdder[0];

  /** The run's dispatcher: (site id, arguments) to the result, or {@link #LOCAL}. */
  public static volatile BiFunction<Integer, Object[], Object> DISPATCHER;

  private RunHooks() {}

  /**
   * Bootstrap of the rewritten call sites' {@code invokedynamic mode()I}: every call site of one
   * dispatchable method shares that method's call site.
   */
  public static CallSite site(MethodHandles.Lookup caller, String name, MethodType type, int site) {
    MutableCallSite[] sites = SITES;
    if (sites == null || site < 0 || site >= sites.length) {
      throw new IllegalStateException("no decision for site " + site + " in this run");
    }
    return sites[site];
  }

  /**
   * Counts a call of a {@link #MODE_COUNTED_LOCAL} site and tells whether to time it: one in {@link
   * #SAMPLE_EVERY} of them, at random so that a loop's period cannot alias with the sample.
   */
  public static boolean count(int site) {
    LOCAL_CALLS[site].increment();
    int[] every = SAMPLE_EVERY;
    if (site >= every.length || every[site] <= 0) {
      return false;
    }
    return ThreadLocalRandom.current().nextInt(every[site]) == 0;
  }

  /** Records the time one timed local call took. */
  public static void timed(long nanos, int site) {
    TIMED_NANOS[site].add(nanos);
    TIMED_CALLS[site].increment();
  }

  /** Target of rewritten call sites whose mode is {@link #MODE_DISPATCH}. */
  public static Object dispatch(int site, Object[] arguments) {
    BiFunction<Integer, Object[], Object> dispatcher = DISPATCHER;
    return dispatcher == null ? LOCAL : dispatcher.apply(site, arguments);
  }
}
