package dev.farcall.examples.analysis;

import java.util.Comparator;

/** A comparator that prints: only the JDK calls it, from inside {@code List.sort}. */
public final class LoudOrder implements Comparator<String> {
  @Override
  public int compare(String a, String b) {
    System.out.println(a + " vs " + b);
    return a.compareTo(b);
  }
}
