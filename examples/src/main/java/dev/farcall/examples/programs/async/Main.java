package dev.farcall.examples.programs.async;

import dev.farcall.api.Farcall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Explicit asynchronous calls through {@code Farcall.async}; runs with plain java too. */
public class Main {

  /** Pure: the n-th Fibonacci number, slowly. */
  static long fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  /** Pure: a greeting repeated. */
  static String repeat(String word, int times) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < times; i++) {
      sb.append(word);
    }
    return sb.toString();
  }

  /** Pure: fails for negative input. */
  static int checkedSqrt(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative: " + n);
    }
    return (int) Math.sqrt(n);
  }

  public static void main(String[] args) throws InterruptedException {
    List<CompletableFuture<Long>> fibs = new ArrayList<>();
    for (int n = 20; n <= 27; n++) {
      fibs.add(Farcall.async(Main::fib, n));
    }
    for (int i = 0; i < fibs.size(); i++) {
      System.out.println("fib(" + (20 + i) + ") = " + fibs.get(i).join());
    }
    System.out.println(Farcall.async(Main::repeat, "ab", 3).join());
    try {
      Farcall.async(Main::checkedSqrt, -4).get();
    } catch (ExecutionException e) {
      System.out.println(
          "async failed: " + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
    }
    System.out.println("sqrt = " + Farcall.async(Main::checkedSqrt, 81).join());
  }
}
