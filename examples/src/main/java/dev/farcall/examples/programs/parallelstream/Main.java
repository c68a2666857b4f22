package dev.farcall.examples.programs.parallelstream;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** CPU-bound work called from a parallel stream: a heavy pure method per element. */
public class Main {

  /** Pure and heavy: the length of the Collatz sequences of every number in a block. */
  static long collatzBlock(long block) {
    long steps = 0;
    long from = block * 2_000 + 1;
    for (long n = from; n < from + 2_000; n++) {
      long x = n;
      while (x != 1) {
        x = (x & 1) == 0 ? x >> 1 : 3 * x + 1;
        steps++;
      }
    }
    return steps;
  }

  /** Pure: a short description of one block's result. */
  static String describe(long block, long steps) {
    return "block " + block + ": " + steps + " steps";
  }

  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    long total = LongStream.range(0, blocks).parallel().map(Main::collatzBlock).sum();
    List<String> lines =
        LongStream.range(0, blocks)
            .parallel()
            .mapToObj(b -> describe(b, collatzBlock(b)))
            .collect(Collectors.toList());
    lines.forEach(System.out::println);
    System.out.println("total steps: " + total);
  }
}
