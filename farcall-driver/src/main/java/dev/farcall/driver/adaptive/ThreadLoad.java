package dev.farcall.driver.adaptive;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads of this JVM compete for its cores, averaged between two reads: cheap (a file or
 * a clock read per thread, tens of µs a round) and never late, where JFR's samples reach an
 * in-process stream in bursts about once a second (a round then saw none, the next one a second's
 * worth, and judged home five times saturated).
 *
 * <p>On Linux, from each thread's {@code /proc/self/task/<tid>/schedstat}: the time it ran plus the
 * time it waited in a run queue, over the wall time, summed over the threads: the mean number of
 * runnable threads, exactly what slows a CPU-bound call down, whoever holds the cores (JIT and GC
 * threads, other processes). Elsewhere, from the Java threads' CPU times ({@code ThreadMXBean}),
 * which cannot show waiting: the cores they kept busy, or, when those are about all the cores, the
 * threads that each got a sizeable share of one.
 */
abstract sealed class ThreadLoad {

  private static final Logger log = LoggerFactory.getLogger(ThreadLoad.class);

  /** Share of the cores in use from which the fallback counts them full. */
  static final double SATURATED = 0.9;

  /** Share of one core from which the fallback counts a thread as competing for one. */
  static final double BUSY_SHARE = 0.2;

  private Map<Long, Long> last;
  private long lastNanos;

  /** The best meter this JVM offers: scheduler statistics, else threads' CPU times, else none. */
  static ThreadLoad create(int cores) {
    if (SchedStats.available()) {
      return new SchedStats().reset();
    }
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadCpuTimeSupported()) {
      if (!bean.isThreadCpuTimeEnabled()) {
        bean.setThreadCpuTimeEnabled(true);
      }
      return new CpuTimes(bean, cores).reset();
    }
    log.info("threads' CPU times are not available: home's saturation is its process CPU load");
    return null;
  }

  final ThreadLoad reset() {
    lastNanos = System.nanoTime();
    last = read();
    return this;
  }

  /** Threads competing for the cores since the previous call, on average; 0 when too short. */
  final double competingThreads(long nowNanos) {
    Map<Long, Long> now = read();
    double wall = nowNanos - lastNanos;
    double competing = 0;
    if (wall > 0) {
      double[] shares = new double[now.size()];
      int i = 0;
      for (Map.Entry<Long, Long> thread : now.entrySet()) {
        // a thread born in the interval counts from 0
        long before = last.getOrDefault(thread.getKey(), 0L);
        shares[i++] = Math.min(1, Math.max(0, thread.getValue() - before) / wall);
      }
      competing = combine(shares);
    }
    last = now;
    lastNanos = nowNanos;
    return competing;
  }

  /** Per thread id, a monotonic count of ns of its busy time. */
  abstract Map<Long, Long> read();

  /** The competing threads from each thread's share of the interval. */
  abstract double combine(double[] shares);

  /** Linux's per-thread scheduler statistics: time on a CPU plus time waiting for one. */
  static final class SchedStats extends ThreadLoad {
    private static final Path TASKS = Path.of("/proc/self/task");

    static boolean available() {
      try (var tasks = Files.list(TASKS)) {
        return tasks.findFirst().map(t -> Files.isReadable(t.resolve("schedstat"))).orElse(false);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }

    @Override
    Map<Long, Long> read() {
      Map<Long, Long> busy = new HashMap<>();
      String[] tids = TASKS.toFile().list();
      if (tids == null) {
        return busy;
      }
      for (String tid : tids) {
        try {
          // "<ns on a CPU> <ns waiting in a run queue> <timeslices>"
          String line =
              new String(
                  Files.readAllBytes(TASKS.resolve(tid).resolve("schedstat")),
                  StandardCharsets.US_ASCII);
          int first = line.indexOf(' ');
          int second = line.indexOf(' ', first + 1);
          long ran = Long.parseLong(line, 0, first, 10);
          long waited = Long.parseLong(line, first + 1, second, 10);
          busy.put(Long.parseLong(tid), ran + waited);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
      return busy;
    }

    @Override
    double combine(double[] shares) {
      double runnable = 0;
      for (double share : shares) {
        runnable += share;
      }
      return runnable;
    }
  }

  /** The Java threads' CPU times: no waiting shown, so saturation is inferred from full cores. */
  static final class CpuTimes extends ThreadLoad {
    private final com.sun.management.ThreadMXBean threads;
    private final int cores;

    CpuTimes(com.sun.management.ThreadMXBean threads, int cores) {
      this.threads = threads;
      this.cores = cores;
    }

    @Override
    Map<Long, Long> read() {
      long[] ids = threads.getAllThreadIds();
      long[] cpu = threads.getThreadCpuTime(ids);
      Map<Long, Long> busy = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        if (cpu[i] >= 0) { // -1: the thread ended meanwhile
          busy.put(ids[i], cpu[i]);
        }
      }
      return busy;
    }

    @Override
    double combine(double[] shares) {
      double used = 0;
      int busy = 0;
      for (double share : shares) {
        used += share;
        if (share >= BUSY_SHARE) {
          busy++;
        }
      }
      return used < SATURATED * cores ? used : Math.max(used, busy);
    }
  }
}
