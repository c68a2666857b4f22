package dev.farcall.examples.programs.staticstate;

/** Static state: a counter written at run time (stays home) and constants from class init. */
public class Main {

  private static final int[] WEIGHTS = {3, 1, 4, 1, 5, 9, 2, 6};
  private static int calls;

  /** Writes a static field: must stay home. */
  static void count() {
    calls++;
  }

  /** Pure: reads only constants initialised in class init. */
  static int weighted(int i) {
    int sum = 0;
    for (int k = 0; k <= i; k++) {
      sum += WEIGHTS[k % WEIGHTS.length] * k;
    }
    return sum;
  }

  public static void main(String[] args) {
    for (int i = 0; i < 10; i++) {
      count();
      System.out.println("weighted(" + i + ") = " + weighted(i));
    }
    System.out.println("calls = " + calls);
  }
}
