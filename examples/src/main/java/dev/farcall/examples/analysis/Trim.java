package dev.farcall.examples.analysis;

/** Another pure stage. */
public final class Trim implements Stage {
  @Override
  public String apply(String input) {
    return input.strip();
  }
}
