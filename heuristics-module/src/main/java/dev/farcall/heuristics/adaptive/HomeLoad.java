package dev.farcall.heuristics.adaptive;

/**
 * How saturated the home JVM is.
 *
 * @param cores processors the JVM may use ({@code Runtime.availableProcessors()}), at least 1
 * @param processCpuLoad the process's recent CPU time over wall time × cores, within [0, 1] ({@code
 *     OperatingSystemMXBean.getProcessCpuLoad()})
 * @param runnableThreads the JVM's threads competing for its cores over the round: the cores they
 *     kept busy, or, when those were about all, the threads that each got a sizeable share of a
 *     core (a thread blocked on a remote reply uses none)
 */
public record HomeLoad(int cores, double processCpuLoad, double runnableThreads) {

  /** Validates the figures. */
  public HomeLoad {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, was " + cores);
    }
    Checks.share("processCpuLoad", processCpuLoad);
    Checks.nonNegative("runnableThreads", runnableThreads);
  }

  /**
   * How much slower than on an idle core a CPU-bound call runs at home now: runnable threads per
   * core, at least 1.
   */
  public double slowdown() {
    return Math.max(1, runnableThreads / cores);
  }

  /** The slowdown if {@code moreThreads} more threads became runnable. */
  public double slowdownWith(double moreThreads) {
    return Math.max(1, (runnableThreads + moreThreads) / cores);
  }
}
