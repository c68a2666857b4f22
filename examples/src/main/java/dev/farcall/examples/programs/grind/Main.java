package dev.farcall.examples.programs.grind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Long pure calls from eight threads at once: {@code grind} takes tens of milliseconds, so while
 * the program runs, every worker that serves it holds calls. Arguments: the number of calls
 * (default 48), the iterations of each (default 30,000,000) and a pause in milliseconds after each
 * call is handed to the threads (default 0). The pause sets a floor under the run's length that
 * does not depend on how fast the machine is: at most one call per pause is started, so a run lasts
 * at least calls times pause, and longer only when the calls cannot keep up. Prints each call's
 * result in order.
 */
public class Main {

  /** Pure and slow: a long linear congruential walk from a seed. */
  static long grind(long seed, int iterations) {
    long x = seed;
    for (int i = 0; i < iterations; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 48;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30_000_000;
    long pauseMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        long seed = i;
        results.add(pool.submit(() -> grind(seed, iterations)));
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
      for (int i = 0; i < calls; i++) {
        System.out.println("call " + i + ": " + results.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
