package dev.farcall.coordinator.run.hooks;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The per-run target of rewritten program code. This class is never used where it is compiled: each
 * run's class loader defines its own copy from these bytes, so every run has its own decision
 * table, output streams and exit hook, and nothing here is shared between runs. It must therefore
 * refer to JDK types only (no lambdas, no nested classes, no coordinator types); the driver fills
 * the fields reflectively before the program starts and clears them when the run ends.
 *
 * <p>A rewritten call site asks for its site's mode and takes the plain local call when it is
 * {@link #MODE_LOCAL}; {@link #MODE_COUNTED_LOCAL} counts the call in {@link #LOCAL_CALLS} first,
 * and {@link #MODE_DISPATCH} goes to {@link #dispatch}. Class files of Java 7 or later ask through
 * {@code invokedynamic} bound by {@link #site} to the site's {@link MutableCallSite}, whose target
 * is a constant: the JIT compiles that to the constant itself, so a LOCAL call costs nothing once
 * compiled, and a change of decision deoptimises the code that inlined the old one. Older class
 * files, which cannot hold {@code invokedynamic}, read the same modes from {@link #MODES}.
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

  /** The run's dispatcher: (site id, arguments) to the result, or {@link #LOCAL}. */
  public static volatile BiFunction<Integer, Object[], Object> DISPATCHER;

  /** Ends the run with a status; never returns normally. */
  public static volatile IntConsumer EXIT;

  /** Registers a shutdown hook of the program with the run. */
  public static volatile Consumer<Thread> ADD_SHUTDOWN_HOOK;

  /** Removes a shutdown hook of the program from the run. */
  public static volatile Predicate<Thread> REMOVE_SHUTDOWN_HOOK;

  /** Replaces the JVM-wide default uncaught exception handler for this run only. */
  public static volatile Thread.UncaughtExceptionHandler DEFAULT_HANDLER;

  /** What the program sees as {@code System.out}. */
  public static volatile PrintStream OUT;

  /** What the program sees as {@code System.err}. */
  public static volatile PrintStream ERR;

  /** What the program sees as {@code System.in}. */
  public static volatile InputStream IN;

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

  /** Target of rewritten call sites whose mode is {@link #MODE_DISPATCH}. */
  public static Object dispatch(int site, Object[] arguments) {
    BiFunction<Integer, Object[], Object> dispatcher = DISPATCHER;
    return dispatcher == null ? LOCAL : dispatcher.apply(site, arguments);
  }

  /** Replaces {@code System.exit(status)}. */
  public static void exit(int status) {
    IntConsumer exit = EXIT;
    if (exit != null) {
      exit.accept(status);
    }
    throw new ThreadDeath();
  }

  /** Replaces {@code Runtime.exit(status)} and {@code Runtime.halt(status)}. */
  public static void exit(Runtime runtime, int status) {
    exit(status);
  }

  /** Replaces {@code System.setOut}. */
  public static void setOut(PrintStream out) {
    OUT = out;
  }

  /** Replaces {@code System.setErr}. */
  public static void setErr(PrintStream err) {
    ERR = err;
  }

  /** Replaces {@code System.setIn}. */
  public static void setIn(InputStream in) {
    IN = in;
  }

  /** Replaces {@code Throwable.printStackTrace()}, which would print to the JVM's stderr. */
  public static void printStackTrace(Throwable t) {
    t.printStackTrace(ERR);
  }

  /** Replaces {@code Runtime.addShutdownHook}: the hook runs when the run ends. */
  public static void addShutdownHook(Runtime runtime, Thread hook) {
    Consumer<Thread> add = ADD_SHUTDOWN_HOOK;
    if (add != null) {
      add.accept(hook);
    }
  }

  /** Replaces {@code Runtime.removeShutdownHook}. */
  public static boolean removeShutdownHook(Runtime runtime, Thread hook) {
    Predicate<Thread> remove = REMOVE_SHUTDOWN_HOOK;
    return remove != null && remove.test(hook);
  }

  /** Replaces {@code Thread.setDefaultUncaughtExceptionHandler}. */
  public static void setDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
    DEFAULT_HANDLER = handler;
  }

  /** Replaces {@code Thread.getDefaultUncaughtExceptionHandler}. */
  public static Thread.UncaughtExceptionHandler getDefaultUncaughtExceptionHandler() {
    return DEFAULT_HANDLER;
  }
}
