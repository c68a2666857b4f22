package dev.farcall.examples.programs.sorting;

import java.util.Arrays;

/** Sorting in place (mutates its argument: stays home) next to pure sorted copies. */
public class Main {

  /** Mutates its argument. */
  static void sortInPlace(int[] values) {
    Arrays.sort(values);
  }

  /** Pure: sorts a fresh copy. */
  static int[] sortedCopy(int[] values) {
    int[] copy = Arrays.copyOf(values, values.length);
    Arrays.sort(copy);
    return copy;
  }

  /** Pure: the median of a sorted copy. */
  static double median(int[] values) {
    int[] s = sortedCopy(values);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  public static void main(String[] args) {
    int[] values = new int[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 73 + 11) % 50;
    }
    int[] copy = sortedCopy(values);
    System.out.println("original after copy: " + Arrays.toString(values));
    System.out.println("sorted copy:         " + Arrays.toString(copy));
    System.out.println("median: " + median(values));
    sortInPlace(values);
    System.out.println("sorted in place:     " + Arrays.toString(values));
    System.out.println("same: " + Arrays.equals(values, copy));
  }
}
