package dev.farcall.examples.programs.forkjoin;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Divide and conquer on a ForkJoinPool; the leaves call a pure method on slices of an array.
 * Arguments: the array's length (default 32,000; leaves take 2,000 elements or fewer) and how many
 * times the whole sum is computed (default 1; more makes a longer run with the same calls).
 */
public class Main {

  /** Pure: a polynomial hash of a slice, mixed a few hundred times to make it heavy. */
  static long mixSlice(int[] data, int from, int to) {
    long h = 1125899906842597L;
    for (int round = 0; round < 300; round++) {
      for (int i = from; i < to; i++) {
        h = 31 * h + data[i] + round;
        h ^= h >>> 29;
      }
    }
    return h;
  }

  static final class Sum extends RecursiveTask<Long> {
    private final int[] data;
    private final int from;
    private final int to;

    Sum(int[] data, int from, int to) {
      this.data = data;
      this.from = from;
      this.to = to;
    }

    @Override
    protected Long compute() {
      if (to - from <= 2_000) {
        return mixSlice(data, from, to);
      }
      int mid = (from + to) >>> 1;
      Sum left = new Sum(data, from, mid);
      left.fork();
      long right = new Sum(data, mid, to).compute();
      return left.join() ^ (right * 7);
    }
  }

  public static void main(String[] args) {
    int[] data = new int[args.length > 0 ? Integer.parseInt(args[0]) : 32_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i * 7919) % 1000;
    }
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    ForkJoinPool pool = new ForkJoinPool(4);
    try {
      long result = 0;
      for (int pass = 0; pass < passes; pass++) {
        result = result * 31 + pool.invoke(new Sum(data, 0, data.length));
      }
      System.out.println("fork/join result: " + result);
      System.out.println("first slice: " + mixSlice(data, 0, 2_000));
    } finally {
      pool.shutdown();
    }
  }
}
