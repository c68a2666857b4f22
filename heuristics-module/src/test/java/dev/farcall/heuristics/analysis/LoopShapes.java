package dev.farcall.heuristics.analysis;

/** Loops whose trip counts {@link LoopBoundsTests} knows by construction (compiled by javac). */
final class LoopShapes {
  private LoopShapes() {}

  static int constant() {
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += i;
    }
    return sum;
  }

  static long offsetFromParameter(long from) {
    long steps = 0;
    for (long n = from; n < from + 2_000; n++) {
      steps += n & 1;
    }
    return steps;
  }

  static int nested() {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 20; j++) {
        sum += tiny(i + j);
      }
    }
    return sum;
  }

  static int downwardByTwo() {
    int sum = 0;
    for (int i = 100; i > 0; i -= 2) {
      sum += i;
    }
    return sum;
  }

  static int inclusive() {
    int sum = 0;
    for (int i = 1; i <= 64; i++) {
      sum += i;
    }
    return sum;
  }

  static int parameterBound(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += i;
    }
    return sum;
  }

  static int withBreak(int stop) {
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
      if (i == stop) {
        break;
      }
      sum += i;
    }
    return sum;
  }

  static long collatz(long x) {
    long steps = 0;
    while (x != 1) {
      x = (x & 1) == 0 ? x >> 1 : 3 * x + 1;
      steps++;
    }
    return steps;
  }

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

  static int boundWrittenInside() {
    int sum = 0;
    int end = 10;
    for (int i = 0; i < end; i++) {
      end = sum++ < 5 ? end : end + 1;
    }
    return sum;
  }

  static int tiny(int x) {
    return x * 3;
  }
}
