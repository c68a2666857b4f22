package dev.farcall.examples.analysis;

import java.util.Locale;

/** A pure stage. */
public final class Upper implements Stage {
  @Override
  public String apply(String input) {
    return input.toUpperCase(Locale.ROOT);
  }
}
