package dev.farcall.examples.programs.objects;

import java.util.ArrayList;
import java.util.List;

/** A counter that remembers who added in which order: state that stays where it lives. */
public class Tally {

  private int value;
  private final List<String> log = new ArrayList<>();

  public Tally(int start) {
    this.value = start;
  }

  /** Adds one for {@code caller}'s {@code sequence}-th call; returns the new value. */
  public int add(String caller, int sequence) {
    log.add(caller + ":" + sequence);
    return ++value;
  }

  public int value() {
    return value;
  }

  /** Whether every caller's calls ran in the order it made them. */
  public boolean inCallerOrder(int callers) {
    int[] next = new int[callers];
    for (String entry : log) {
      int colon = entry.indexOf(':');
      int caller = Integer.parseInt(entry.substring(1, colon));
      int sequence = Integer.parseInt(entry.substring(colon + 1));
      if (sequence != next[caller]) {
        return false;
      }
      next[caller]++;
    }
    return true;
  }

  /** Refuses a negative amount, as a method of a remote object may. */
  public int take(int amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("cannot take " + amount);
    }
    value -= amount;
    return value;
  }
}
