package dev.farcall.examples.programs.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tasks submitted to an ExecutorService, each calling a pure method; results printed in order.
 * Arguments: the number of tasks (default 16), the numbers each scans (default 20,000) and the
 * pool's threads (default 4).
 */
public class Main {

  /** Pure: how many primes lie in [from, to). */
  static int countPrimes(int from, int to) {
    int count = 0;
    for (int n = Math.max(2, from); n < to; n++) {
      boolean prime = true;
      for (int d = 2; (long) d * d <= n; d++) {
        if (n % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int from = i * width;
        results.add(pool.submit(() -> countPrimes(from, from + width)));
      }
      int total = 0;
      for (int i = 0; i < results.size(); i++) {
        int n = results.get(i).get();
        total += n;
        System.out.println("range " + i + ": " + n + " primes");
      }
      System.out.println("total: " + total);
    } finally {
      pool.shutdown();
    }
  }
}
