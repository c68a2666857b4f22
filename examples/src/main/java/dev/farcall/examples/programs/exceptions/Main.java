package dev.farcall.examples.programs.exceptions;

/**
 * Callers catch exceptions thrown by movable methods: the program's own checked exception and JDK
 * ones. With the argument {@code uncaught}, the last one is not caught (exit code 1, stack trace on
 * stderr).
 */
public class Main {

  /** Pure: parses a non-negative number or throws the program's own exception. */
  static int parseCount(String text) throws InvalidInputException {
    if (text == null || text.isEmpty()) {
      throw new InvalidInputException("empty input");
    }
    int value = 0;
    for (char c : text.toCharArray()) {
      if (c < '0' || c > '9') {
        throw new InvalidInputException("not a digit: '" + c + "' in " + text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Pure: integer division, throwing ArithmeticException for zero. */
  static int ratio(int a, int b) {
    return a / b;
  }

  /** Pure: rejects negative sizes with IllegalArgumentException. */
  static int[] squares(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative size " + n);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i * i;
    }
    return out;
  }

  public static void main(String[] args) {
    for (String input : new String[] {"42", "", "4x2", "1000"}) {
      try {
        System.out.println("parsed " + parseCount(input));
      } catch (InvalidInputException e) {
        System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
    for (int b : new int[] {3, 0, -2}) {
      try {
        System.out.println("ratio " + ratio(12, b));
      } catch (ArithmeticException e) {
        System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
    for (int n : new int[] {4, -1}) {
      try {
        System.out.println("squares " + squares(n).length);
      } catch (IllegalArgumentException e) {
        System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
    if (args.length > 0 && args[0].equals("uncaught")) {
      System.out.println("about to fail");
      squares(-7);
    }
  }
}
