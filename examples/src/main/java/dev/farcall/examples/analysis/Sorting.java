package dev.farcall.examples.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** In-place sorts of parameters next to sorts of fresh copies. */
public final class Sorting {
  private Sorting() {}

  /** ARG_MUTATION: sorts the caller's array. */
  public static int[] sortInPlace(int[] values) {
    Arrays.sort(values);
    return values;
  }

  /** Movable: sorts a fresh copy. */
  public static int[] sortedCopy(int[] values) {
    int[] copy = Arrays.copyOf(values, values.length);
    Arrays.sort(copy);
    return copy;
  }

  /** ARG_MUTATION through a program call with the parameter. */
  public static int smallest(int[] values) {
    return sortInPlace(values)[0];
  }

  /** Movable: the same call with a fresh array. */
  public static int smallestOfCopy(int[] values) {
    return sortInPlace(values.clone())[0];
  }

  /** Movable: adds to a fresh list and sorts it. */
  public static List<String> sortedNames(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    Collections.sort(copy);
    return copy;
  }

  /** IO: the JDK calls back the printing comparator this method creates. */
  public static List<String> sortedLoudly(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    copy.sort(new LoudOrder());
    return copy;
  }

  /** ARG_MUTATION: adds to the caller's list. */
  public static void addDefault(List<String> names) {
    names.add("default");
  }
}
