package dev.farcall.driver.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Home's saturation as the adaptive policy sees it: the threads competing for its cores. */
class ThreadLoadTests {

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void threadsSpinningBeyondTheCoresEachCountAsCompeting() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> spinners = new ArrayList<>();
    for (int i = 0; i < 2 * CORES; i++) {
      Thread t = new Thread(() -> spin(stop), "spinner-" + i);
      t.setDaemon(true);
      t.start();
      spinners.add(t);
    }
    try {
      ThreadLoad load = ThreadLoad.create(CORES);
      Thread.sleep(500);

      double competing = load.competingThreads(System.nanoTime());

      assertThat(competing)
          .as("%d threads spinning on %d cores", spinners.size(), CORES)
          .isGreaterThan(CORES);
    } finally {
      stop.set(true);
      for (Thread t : spinners) {
        t.join();
      }
    }
  }

  @Test
  void oneSpinningThreadCountsAsOneAndNoMore() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    Thread spinner = new Thread(() -> spin(stop), "spinner");
    spinner.setDaemon(true);
    spinner.start();
    try {
      ThreadLoad load = ThreadLoad.create(CORES);
      Thread.sleep(500);

      double competing = load.competingThreads(System.nanoTime());

      // the JVM's other threads (the test's, the JIT's, GC's) are mostly idle
      assertThat(competing).isBetween(0.5, 1.7);
    } finally {
      stop.set(true);
      spinner.join();
    }
  }

  private static void spin(AtomicBoolean stop) {
    long x = 0;
    while (!stop.get()) {
      x += System.nanoTime() & 1;
    }
    if (x == 42) {
      System.out.print("");
    }
  }
}
