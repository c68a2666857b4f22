package dev.farcall.examples.programs.phases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One method whose cost depends on its argument, called lightly, then heavily midway, then lightly
 * again: the shape an adaptive placement must follow (REMOTE for the heavy phase, home for the
 * light ones). Arguments: the light calls of each light phase (default 2,000,000), the heavy calls
 * (default 400) and the rounds of each heavy call (default 4,000,000). The heavy calls come from
 * four threads. Prints a line as each phase starts and each phase's checksum.
 */
public class Main {

  /** Pure; its cost grows with {@code rounds}: a linear congruential walk from a seed. */
  static long step(long seed, int rounds) {
    long x = seed;
    for (int i = 0; i < rounds; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    return x;
  }

  public static void main(String[] args) throws Exception {
    int lightCalls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int heavyCalls = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int heavyRounds = args.length > 2 ? Integer.parseInt(args[2]) : 4_000_000;
    System.out.println("phase 1: light");
    System.out.println("checksum 1: " + light(lightCalls, 0));
    System.out.println("phase 2: heavy");
    System.out.println("checksum 2: " + heavy(heavyCalls, heavyRounds));
    System.out.println("phase 3: light");
    System.out.println("checksum 3: " + light(lightCalls, 1));
  }

  private static long light(int calls, long salt) {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += step(i + salt * calls, 2);
    }
    return sum;
  }

  private static long heavy(int calls, int rounds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        long seed = i;
        results.add(pool.submit(() -> step(seed, rounds)));
      }
      long sum = 0;
      for (Future<Long> r : results) {
        sum += r.get();
      }
      return sum;
    } finally {
      pool.shutdown();
    }
  }
}
