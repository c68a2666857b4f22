package dev.farcall.examples.analysis;

/** The end of {@link HandleFront}'s calls: state of its own and no handle. */
public class HandleStore {

  private long total;

  public long add(int amount) {
    total += amount;
    return total;
  }
}
